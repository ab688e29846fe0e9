using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Vigil.Exec.Identity;

namespace Vigil.Exec.Tests.Identity;

public sealed class IdTests
{
    private const string LowerHex = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    [Fact]
    public void AgentId_ParsesAnyCase_PrintsLowercase()
    {
        AgentId upper = AgentId.Parse(LowerHex.ToUpperInvariant());
        AgentId lower = AgentId.Parse(LowerHex);
        Assert.Equal(lower, upper);
        Assert.Equal(LowerHex, upper.ToString());
    }

    [Fact]
    public void MachineId_ParsesAnyCase_PrintsLowercase()
    {
        MachineId mixed = MachineId.Parse("00112233445566778899AABBCCDDEEFF00112233445566778899aabbccddeeff");
        Assert.Equal(LowerHex, mixed.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("00112233445566778899aabbccddeeff00112233445566778899aabbccddeef")]
    [InlineData("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff0")]
    [InlineData("g0112233445566778899aabbccddeeff00112233445566778899aabbccddeeff")]
    [InlineData(" 0112233445566778899aabbccddeeff00112233445566778899aabbccddeeff")]
    [InlineData(null)]
    public void Ids_RejectAnythingButExactly64HexDigits(string? text)
    {
        Assert.False(AgentId.TryParse(text, out _));
        Assert.False(MachineId.TryParse(text, out _));
    }

    [Fact]
    public void Ids_RoundTripThroughBytes()
    {
        byte[] bytes = Convert.FromHexString(LowerHex);
        Assert.Equal(bytes, AgentId.FromBytes(bytes).ToBytes());
        Assert.Equal(bytes, MachineId.FromBytes(bytes).ToBytes());
        Assert.Equal(LowerHex, MachineId.FromBytes(bytes).ToString());
    }

    [Fact]
    public void AgentId_IsSha256OfDomainAndPublicKey()
    {
        AgentKey key = AgentKey.Generate();
        byte[] expected = SHA256.HashData([.. Encoding.ASCII.GetBytes("vigil-agent-id-v1:"), .. key.PublicKey.Span]);
        Assert.Equal(AgentKey.PublicKeyLength, key.PublicKey.Length);
        Assert.Equal(Convert.ToHexStringLower(expected), key.Id.ToString());
    }

    [Fact]
    public void MachineId_IsSha256OfSubjectPublicKeyInfo_AndMatchesItsCertificate()
    {
        using MachineKey key = MachineKey.Generate();
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(key.ExportPem());
        byte[] expected = SHA256.HashData(ecdsa.ExportSubjectPublicKeyInfo());
        Assert.Equal(Convert.ToHexStringLower(expected), key.Id.ToString());

        using var certificate = key.CreateSelfSignedCertificate();
        Assert.True(certificate.HasPrivateKey);
        Assert.Equal(key.Id, MachineId.FromCertificate(certificate));

        using MachineKey other = MachineKey.Generate();
        Assert.NotEqual(other.Id, MachineId.FromCertificate(certificate));
    }

    [Fact]
    public void Certificate_OutlivesTheMachineKeyObject()
    {
        X509Certificate2 certificate;
        using (MachineKey key = MachineKey.Generate())
        {
            certificate = key.CreateSelfSignedCertificate();
        }

        using (certificate)
        using (ECDsa? privateKey = certificate.GetECDsaPrivateKey())
        {
            Assert.NotNull(privateKey);
            byte[] data = [1, 2, 3];
            byte[] signature = privateKey.SignData(data, HashAlgorithmName.SHA256);
            using ECDsa? publicKey = certificate.GetECDsaPublicKey();
            Assert.True(publicKey!.VerifyData(data, signature, HashAlgorithmName.SHA256));
        }
    }

    [Fact]
    public void RequestId_Is16BytesAnd32LowercaseHex()
    {
        RequestId id = RequestId.Parse("000102030405060708090A0B0C0D0E0F");
        Assert.Equal("000102030405060708090a0b0c0d0e0f", id.ToString());
        Assert.Equal(Enumerable.Range(0, 16).Select(i => (byte)i).ToArray(), id.ToBytes());
        Assert.False(RequestId.TryParse("000102030405060708090a0b0c0d0e", out _));
        Assert.NotEqual(RequestId.NewRandom(), RequestId.NewRandom());
    }
}
