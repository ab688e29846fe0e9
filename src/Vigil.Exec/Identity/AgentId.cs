using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Vigil.Exec.Identity;

/// <summary>
/// The portable identity of a caller: SHA-256(<c>"vigil-agent-id-v1:"</c> ‖ ML-DSA-65 public key).
/// Parsed from 64 hex digits in any case, always printed in lowercase.
/// </summary>
public readonly record struct AgentId
{
    private static ReadOnlySpan<byte> Domain => "vigil-agent-id-v1:"u8;

    private readonly Hash256 _value;

    private AgentId(Hash256 value) => _value = value;

    /// <summary>Derives the id of an agent public key (the raw ML-DSA-65 encoding).</summary>
    public static AgentId FromPublicKey(ReadOnlySpan<byte> publicKey)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Domain);
        sha.AppendData(publicKey);
        Span<byte> digest = stackalloc byte[Hash256.ByteLength];
        sha.GetHashAndReset(digest);
        return new AgentId(Hash256.FromBytes(digest));
    }

    /// <summary>Wraps 32 id bytes (e.g. decoded from the wire).</summary>
    public static AgentId FromBytes(ReadOnlySpan<byte> bytes) => new(Hash256.FromBytes(bytes));

    public static AgentId Parse(string text) => new(Hash256.ParseHex(text, "agent id"));

    public static bool TryParse([NotNullWhen(true)] string? text, out AgentId id)
    {
        bool ok = Hash256.TryParseHex(text, out Hash256 value);
        id = new AgentId(value);
        return ok && text is not null;
    }

    public void CopyTo(Span<byte> destination) => _value.CopyTo(destination);

    public byte[] ToBytes() => _value.ToBytes();

    public override string ToString() => _value.ToString();
}
