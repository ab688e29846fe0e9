using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Vigil.Exec.Identity;

/// <summary>
/// The transport identity of a host: SHA-256 of the DER SubjectPublicKeyInfo of its machine key, which is
/// also the key of its TLS certificate. Parsed from 64 hex digits in any case, always printed in lowercase.
/// </summary>
public readonly record struct MachineId
{
    private readonly Hash256 _value;

    private MachineId(Hash256 value) => _value = value;

    /// <summary>Derives the id from DER-encoded SubjectPublicKeyInfo bytes.</summary>
    public static MachineId FromSubjectPublicKeyInfo(ReadOnlySpan<byte> subjectPublicKeyInfo)
    {
        Span<byte> digest = stackalloc byte[Hash256.ByteLength];
        SHA256.HashData(subjectPublicKeyInfo, digest);
        return new MachineId(Hash256.FromBytes(digest));
    }

    /// <summary>The id a peer proves by presenting <paramref name="certificate"/> in a TLS handshake.</summary>
    public static MachineId FromCertificate(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return FromSubjectPublicKeyInfo(certificate.PublicKey.ExportSubjectPublicKeyInfo());
    }

    /// <summary>Wraps 32 id bytes (e.g. decoded from the wire).</summary>
    public static MachineId FromBytes(ReadOnlySpan<byte> bytes) => new(Hash256.FromBytes(bytes));

    public static MachineId Parse(string text) => new(Hash256.ParseHex(text, "machine id"));

    public static bool TryParse([NotNullWhen(true)] string? text, out MachineId id)
    {
        bool ok = Hash256.TryParseHex(text, out Hash256 value);
        id = new MachineId(value);
        return ok && text is not null;
    }

    public void CopyTo(Span<byte> destination) => _value.CopyTo(destination);

    public byte[] ToBytes() => _value.ToBytes();

    public override string ToString() => _value.ToString();
}
