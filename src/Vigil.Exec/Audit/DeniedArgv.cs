using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Vigil.Exec.Audit;

/// <summary>
/// What a denial of a caller the ACL does not name records about its argv: the count, the total UTF-8 bytes, the
/// SHA-256 of the tokens as they are signed (u32 LE length then UTF-8, so token boundaries count) and a short prefix.
/// A stranger chooses its argv freely, so writing it whole would let anyone fill the audit disk.
/// </summary>
public sealed record DeniedArgv(IReadOnlyList<string> Prefix, int Count, long Bytes, string Sha256)
{
    /// <summary>UTF-8 bytes of argv kept in <see cref="Prefix"/>; the rest is represented by the digest only.</summary>
    public const int PrefixBytes = 256;

    public static DeniedArgv Summarise(IReadOnlyList<string> argv)
    {
        ArgumentNullException.ThrowIfNull(argv);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[4];
        var prefix = new List<string>();
        long total = 0;
        int budget = PrefixBytes;
        foreach (string token in argv)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(token);
            BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)bytes.Length);
            hash.AppendData(length);
            hash.AppendData(bytes);
            total += bytes.Length;
            if (budget > 0)
            {
                prefix.Add(Truncate(token, budget));
                budget -= bytes.Length;
            }
        }

        return new DeniedArgv(prefix, argv.Count, total, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>The longest start of <paramref name="token"/> whose UTF-8 fits <paramref name="maxBytes"/>, never splitting a character.</summary>
    private static string Truncate(string token, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(token) <= maxBytes)
        {
            return token;
        }

        int chars = 0;
        int used = 0;
        while (chars < token.Length)
        {
            int width = char.IsSurrogatePair(token, chars) ? 2 : 1;
            int bytes = Encoding.UTF8.GetByteCount(token.AsSpan(chars, width));
            if (used + bytes > maxBytes)
            {
                break;
            }

            used += bytes;
            chars += width;
        }

        return token[..chars];
    }
}
