// Frozen copy of the string-building envelope writer as it was before the streaming Tq1Writer (commit 63ebf33),
// kept only as the byte-for-byte oracle the new writer is checked against. Do not "fix" it.
using System.Text;

namespace Vigil.Scanning.Tests.Envelope.Legacy;

/// <summary>
/// JSON string escaping exactly as serde_json writes it (reference §2.11 item 5): <c>"</c> and <c>\</c> escaped,
/// <c>\n \r \t \b \f</c> short forms, other control characters as <c>\u00xx</c> (lowercase hex), everything else
/// (including <c>/</c>, DEL and non-ASCII) raw. System.Text.Json escapes differently, hence this.
/// </summary>
internal static class LegacyJsonString
{
    private static readonly System.Buffers.SearchValues<char> NeedsEscape =
        System.Buffers.SearchValues.Create("\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f");

    /// <summary>Appends <paramref name="text"/> as a quoted JSON string.</summary>
    public static void Append(StringBuilder sb, ReadOnlySpan<char> text)
    {
        sb.Append('"');
        while (!text.IsEmpty)
        {
            int i = text.IndexOfAny(NeedsEscape);
            if (i < 0)
            {
                sb.Append(text);
                break;
            }

            sb.Append(text[..i]);
            char c = text[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    sb.Append("\\u00").Append("0123456789abcdef"[c >> 4]).Append("0123456789abcdef"[c & 0xF]);
                    break;
            }

            text = text[(i + 1)..];
        }

        sb.Append('"');
    }

    /// <summary>The quoted, escaped JSON form of <paramref name="text"/>.</summary>
    public static string Quote(string text)
    {
        var sb = new StringBuilder(text.Length + 2);
        Append(sb, text);
        return sb.ToString();
    }
}
