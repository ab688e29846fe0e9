using System.Text;
using Vigil.Formats.Parsers;

namespace Vigil.Formats.Json;

/// <summary>RFC 3339 stamps held in JSON strings, given as UTF-8 (decoded on the stack; they are short).</summary>
internal static class JsonTimestamps
{
    /// <summary>The whole string is an RFC 3339 stamp (<c>LogTimestamp.TryParseRfc3339</c> with nothing left over).</summary>
    public static bool TryParseRfc3339(ReadOnlySpan<byte> utf8, out LogTimestamp timestamp)
    {
        Span<char> chars = utf8.Length <= 128 ? stackalloc char[utf8.Length] : new char[utf8.Length];
        int n = Encoding.UTF8.GetChars(utf8, chars);
        return LogTimestamp.TryParseRfc3339(chars[..n], out timestamp, out int used) && used == n;
    }
}
