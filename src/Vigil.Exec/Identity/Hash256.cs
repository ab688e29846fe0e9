using System.Buffers;
using System.Buffers.Binary;

namespace Vigil.Exec.Identity;

/// <summary>
/// A 32-byte value (a SHA-256 digest) held as four big-endian words, so that equality and hashing
/// come from the record and the bytes never sit in a mutable array.
/// </summary>
internal readonly record struct Hash256(ulong W0, ulong W1, ulong W2, ulong W3)
{
    public const int ByteLength = 32;
    public const int HexLength = 64;

    public static Hash256 FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != ByteLength)
        {
            throw new ArgumentException($"expected {ByteLength} bytes, got {bytes.Length}", nameof(bytes));
        }

        return new Hash256(
            BinaryPrimitives.ReadUInt64BigEndian(bytes),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]));
    }

    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, W0);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], W1);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], W2);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], W3);
    }

    public byte[] ToBytes()
    {
        byte[] bytes = new byte[ByteLength];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>Parses 64 hex digits in any case, or throws naming <paramref name="what"/> (e.g. "agent id").</summary>
    public static Hash256 ParseHex(string text, string what) =>
        TryParseHex(text, out Hash256 value)
            ? value
            : throw new FormatException($"invalid {what} '{text}': expected 64 hex digits");

    /// <summary>Accepts exactly 64 hex digits in any case.</summary>
    public static bool TryParseHex(ReadOnlySpan<char> hex, out Hash256 value)
    {
        Span<byte> bytes = stackalloc byte[ByteLength];
        if (hex.Length != HexLength
            || Convert.FromHexString(hex, bytes, out _, out int written) != OperationStatus.Done
            || written != ByteLength)
        {
            value = default;
            return false;
        }

        value = FromBytes(bytes);
        return true;
    }

    /// <summary>Lowercase hex, the only form Vigil ever prints.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[ByteLength];
        CopyTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
