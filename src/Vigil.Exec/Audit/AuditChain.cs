using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Vigil.Exec.Audit;

/// <summary>
/// The hash chain shared by the writer and the verifier: every line carries <c>seq</c> (0, 1, 2, …) and
/// <c>prev</c>, the lowercase hex SHA-256 of the previous line's bytes without its newline (64 zeros first).
/// </summary>
internal static class AuditChain
{
    public const int HashHexLength = 64;

    public static string GenesisPrev { get; } = new('0', HashHexLength);

    public static string HashLine(ReadOnlySpan<byte> line)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(line, digest);
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>
    /// Reads the chain fields of one line. False unless the line is exactly one JSON object with a single
    /// non-negative integer <c>seq</c> and a single 64-lowercase-hex <c>prev</c>.
    /// </summary>
    public static bool TryReadLink(ReadOnlySpan<byte> line, out long seq, out string prev)
    {
        seq = -1;
        prev = string.Empty;
        bool haveSeq = false;
        bool havePrev = false;

        // The writer only ever emits UTF-8; a line that is not is damaged, and the JSON reader would throw
        // (InvalidOperationException, not JsonException) when asked to compare or decode such a string.
        if (!System.Text.Unicode.Utf8.IsValid(line))
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("seq"u8))
                {
                    if (haveSeq || !reader.Read() || reader.TokenType != JsonTokenType.Number
                        || !reader.TryGetInt64(out seq) || seq < 0)
                    {
                        return false;
                    }

                    haveSeq = true;
                }
                else if (reader.ValueTextEquals("prev"u8))
                {
                    if (havePrev || !reader.Read() || reader.TokenType != JsonTokenType.String)
                    {
                        return false;
                    }

                    prev = reader.GetString() ?? string.Empty;
                    if (!IsLowerHexHash(prev))
                    {
                        return false;
                    }

                    havePrev = true;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            // The object must close the line: nothing may follow it.
            return reader.TokenType == JsonTokenType.EndObject && !reader.Read() && haveSeq && havePrev;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    private static bool IsLowerHexHash(string text) =>
        text.Length == HashHexLength && !text.AsSpan().ContainsAnyExcept(LowerHex);

    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    /// <summary>Appends <c>,"seq":N,"prev":"…"}</c> to an event body that ends with <c>}</c>.</summary>
    public static byte[] Link(ReadOnlySpan<byte> body, long seq, string prev)
    {
        string suffix = string.Create(
            System.Globalization.CultureInfo.InvariantCulture, $",\"seq\":{seq},\"prev\":\"{prev}\"}}");
        int suffixLength = Encoding.ASCII.GetByteCount(suffix);
        byte[] line = new byte[body.Length - 1 + suffixLength];
        body[..^1].CopyTo(line);
        Encoding.ASCII.GetBytes(suffix, line.AsSpan(body.Length - 1));
        return line;
    }
}
