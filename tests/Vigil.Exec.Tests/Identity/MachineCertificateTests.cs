using System.Security.Cryptography.X509Certificates;
using Vigil.Exec.Identity;

namespace Vigil.Exec.Tests.Identity;

/// <summary>The TLS certificate is made once at keygen and reused by every call, not derived per call.</summary>
public sealed class MachineCertificateTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-cert-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Keygen_WritesTheCertificate_AndLoadReusesIt()
    {
        var keys = new KeyDirectory(Path.Combine(_dir, "k"));
        keys.Generate(force: false).Dispose();
        using X509Certificate2 stored = X509Certificate2.CreateFromPem(File.ReadAllText(keys.CertificatePath));

        using HostIdentity identity = keys.Load();
        using X509Certificate2 first = identity.TlsCertificate();
        using X509Certificate2 second = identity.TlsCertificate();

        Assert.Equal(stored.Thumbprint, first.Thumbprint);
        Assert.Equal(stored.Thumbprint, second.Thumbprint);
        Assert.True(first.HasPrivateKey);
        Assert.Equal(identity.MachineId, MachineId.FromCertificate(first));
    }

    [Fact]
    public void CertificateOfAnotherKey_IsIgnored_AndAFreshOneIsMade()
    {
        var keys = new KeyDirectory(Path.Combine(_dir, "k"));
        var other = new KeyDirectory(Path.Combine(_dir, "other"));
        keys.Generate(force: false).Dispose();
        other.Generate(force: false).Dispose();
        File.Copy(other.CertificatePath, keys.CertificatePath, overwrite: true);

        using HostIdentity identity = keys.Load();
        using X509Certificate2 certificate = identity.TlsCertificate();

        Assert.Equal(identity.MachineId, MachineId.FromCertificate(certificate));
        Assert.True(certificate.HasPrivateKey);
    }

    [Fact]
    public void DirectoryWithoutCertificate_StillLoads()
    {
        var keys = new KeyDirectory(Path.Combine(_dir, "k"));
        keys.Generate(force: false).Dispose();
        File.Delete(keys.CertificatePath);

        using HostIdentity identity = keys.Load();
        using X509Certificate2 certificate = identity.TlsCertificate();

        Assert.Equal(identity.MachineId, MachineId.FromCertificate(certificate));
    }
}
