using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Vigil.Exec.Identity;

/// <summary>A request's 16 random bytes; text form is 32 lowercase hex digits (reference §4.2).</summary>
public readonly record struct RequestId(ulong High, ulong Low)
{
    public const int ByteLength = 16;

    public static RequestId NewRandom()
    {
        Span<byte> bytes = stackalloc byte[ByteLength];
        RandomNumberGenerator.Fill(bytes);
        return FromBytes(bytes);
    }

    public static RequestId FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != ByteLength)
        {
            throw new ArgumentException($"a request id is {ByteLength} bytes, got {bytes.Length}", nameof(bytes));
        }

        return new RequestId(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
    }

    public static RequestId Parse(string text) =>
        TryParse(text, out RequestId id)
            ? id
            : throw new FormatException($"invalid request id '{text}': expected 32 hex digits");

    public static bool TryParse([NotNullWhen(true)] string? text, out RequestId id)
    {
        Span<byte> bytes = stackalloc byte[ByteLength];
        if (text is null
            || text.Length != ByteLength * 2
            || Convert.FromHexString(text, bytes, out _, out int written) != OperationStatus.Done
            || written != ByteLength)
        {
            id = default;
            return false;
        }

        id = FromBytes(bytes);
        return true;
    }

    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, High);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], Low);
    }

    public byte[] ToBytes()
    {
        byte[] bytes = new byte[ByteLength];
        CopyTo(bytes);
        return bytes;
    }

    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[ByteLength];
        CopyTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
