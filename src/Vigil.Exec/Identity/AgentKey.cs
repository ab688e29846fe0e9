using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace Vigil.Exec.Identity;

/// <summary>
/// The caller's portable ML-DSA-65 key (<c>agent.key</c>); it signs requests and the machine binding.
/// Stored as PKCS#8 PEM holding the 32-byte seed.
/// </summary>
public sealed class AgentKey
{
    /// <summary>Length of a raw ML-DSA-65 public key.</summary>
    public const int PublicKeyLength = 1952;

    private const string PemLabel = "PRIVATE KEY";

    private readonly MLDsaPrivateKeyParameters _key;

    private AgentKey(MLDsaPrivateKeyParameters key)
    {
        _key = key.WithPreferredFormat(MLDsaPrivateKeyParameters.Format.SeedOnly);
        byte[] publicKey = key.GetPublicKeyEncoded();
        PublicKey = publicKey;
        Id = AgentId.FromPublicKey(publicKey);
    }

    public AgentId Id { get; }

    /// <summary>Raw ML-DSA-65 public key; travels with every request.</summary>
    public ReadOnlyMemory<byte> PublicKey { get; }

    public static AgentKey Generate()
    {
        var generator = new MLDsaKeyPairGenerator();
        generator.Init(new MLDsaKeyGenerationParameters(new SecureRandom(), MLDsaParameters.ml_dsa_65));
        return new AgentKey((MLDsaPrivateKeyParameters)generator.GenerateKeyPair().Private);
    }

    /// <summary>Reads a PKCS#8 PEM ML-DSA-65 key; <paramref name="source"/> names the file in errors.</summary>
    public static AgentKey FromPem(string pem, string source)
    {
        try
        {
            if (!System.Security.Cryptography.PemEncoding.TryFind(pem, out var fields)
                || !pem.AsSpan()[fields.Label].SequenceEqual(PemLabel))
            {
                throw new KeyFileException($"{source}: not a PEM '{PemLabel}' file");
            }

            byte[] der = Convert.FromBase64String(pem[fields.Base64Data]);
            AsymmetricKeyParameter key = PrivateKeyFactory.CreateKey(der);
            if (key is not MLDsaPrivateKeyParameters mldsa || mldsa.Parameters != MLDsaParameters.ml_dsa_65)
            {
                throw new KeyFileException($"{source}: not an ML-DSA-65 private key");
            }

            return new AgentKey(mldsa);
        }
        catch (Exception ex) when (ex is not KeyFileException)
        {
            throw new KeyFileException($"{source}: not a valid ML-DSA-65 private key (PKCS#8 PEM expected)", ex);
        }
    }

    public string ExportPem()
    {
        byte[] der = PrivateKeyInfoFactory.CreatePrivateKeyInfo(_key).GetEncoded();
        return new string(System.Security.Cryptography.PemEncoding.Write(PemLabel, der)) + "\n";
    }

    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        var signer = new MLDsaSigner(MLDsaParameters.ml_dsa_65, deterministic: false);
        signer.Init(true, _key);
        signer.BlockUpdate(message);
        return signer.GenerateSignature();
    }

    /// <summary>
    /// Checks an ML-DSA-65 signature against a raw public key. Malformed keys or signatures are
    /// simply invalid (false), never an exception.
    /// </summary>
    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != PublicKeyLength)
        {
            return false;
        }

        try
        {
            var key = MLDsaPublicKeyParameters.FromEncoding(MLDsaParameters.ml_dsa_65, publicKey.ToArray());
            var verifier = new MLDsaSigner(MLDsaParameters.ml_dsa_65, deterministic: false);
            verifier.Init(false, key);
            verifier.BlockUpdate(message);
            return verifier.VerifySignature(signature.ToArray());
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or DataLengthException)
        {
            return false;
        }
    }
}
