using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Vigil.Exec.Identity;

/// <summary>
/// The host's ECDSA P-256 key (<c>machine.key</c>): its TLS identity on both the client and the server side.
/// Stored as PKCS#8 PEM.
/// </summary>
public sealed class MachineKey : IDisposable
{
    private readonly ECDsa _key;

    private MachineKey(ECDsa key)
    {
        _key = key;
        SubjectPublicKeyInfo = key.ExportSubjectPublicKeyInfo();
        Id = MachineId.FromSubjectPublicKeyInfo(SubjectPublicKeyInfo);
    }

    public MachineId Id { get; }

    /// <summary>DER SubjectPublicKeyInfo; <see cref="Id"/> is its SHA-256.</summary>
    public byte[] SubjectPublicKeyInfo { get; }

    public static MachineKey Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>Reads a PKCS#8 PEM P-256 key; <paramref name="source"/> names the file in errors.</summary>
    public static MachineKey FromPem(string pem, string source)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            ECParameters parameters = key.ExportParameters(includePrivateParameters: false);
            if (!parameters.Curve.IsNamed || parameters.Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
            {
                throw new KeyFileException($"{source}: not an ECDSA P-256 key");
            }

            return new MachineKey(key);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new KeyFileException($"{source}: not a valid ECDSA P-256 private key (PKCS#8 PEM expected)", ex);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    public string ExportPem() => _key.ExportPkcs8PrivateKeyPem() + "\n";

    /// <summary>
    /// A self-signed TLS certificate over this key, with its private key attached. Peers pin it by
    /// <see cref="MachineId.FromCertificate"/>, so the subject and validity carry no trust.
    /// </summary>
    public X509Certificate2 CreateSelfSignedCertificate(TimeProvider? time = null)
    {
        DateTimeOffset now = (time ?? TimeProvider.System).GetUtcNow();
        var request = new CertificateRequest($"CN=vigil {Id.ToString()[..16]}", _key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));

        // Backdated an hour so a peer with a slightly slow clock still accepts it.
        return request.CreateSelfSigned(now.AddHours(-1), now.AddYears(10));
    }

    /// <summary>
    /// The stored certificate <paramref name="pem"/> joined to this private key, or null when it is unreadable, not
    /// over this key, or outside its validity (the caller then makes a fresh one).
    /// </summary>
    public X509Certificate2? TryAttach(string pem)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(pem);
        }
        catch (CryptographicException)
        {
            return null;
        }

        using (certificate)
        {
            DateTime now = DateTime.Now;
            if (!certificate.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(SubjectPublicKeyInfo)
                || now < certificate.NotBefore || now > certificate.NotAfter)
            {
                return null;
            }

            return certificate.CopyWithPrivateKey(_key);
        }
    }

    public void Dispose() => _key.Dispose();
}
