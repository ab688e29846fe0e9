using System.Buffers;
using System.Text;

namespace Vigil.Core.Text;

/// <summary>
/// JSON string escaping exactly as serde_json writes it (reference §2.11 item 5): <c>"</c> and <c>\</c> escaped,
/// <c>\n \r \t \b \f</c> short forms, other control characters as <c>\u00xx</c> (lowercase hex), everything else
/// (including <c>/</c>, DEL and non-ASCII) raw. System.Text.Json escapes differently, hence this.
/// </summary>
public static class JsonString
{
    private static readonly SearchValues<char> NeedsEscape =
        SearchValues.Create("\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f");

    // Unpaired surrogates become U+FFFD, as the one-string UTF-8 encode of the whole document did before.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="text"/> as a quoted JSON string in UTF-8.</summary>
    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<char> text)
    {
        WriteByte(output, (byte)'"');
        while (!text.IsEmpty)
        {
            int i = text.IndexOfAny(NeedsEscape);
            if (i < 0)
            {
                Utf8.GetBytes(text, output);
                break;
            }

            // Escapes are ASCII, so a chunk never ends inside a surrogate pair.
            if (i > 0)
            {
                Utf8.GetBytes(text[..i], output);
            }

            char c = text[i];
            switch (c)
            {
                case '"': WriteAscii(output, "\\\""u8); break;
                case '\\': WriteAscii(output, "\\\\"u8); break;
                case '\n': WriteAscii(output, "\\n"u8); break;
                case '\r': WriteAscii(output, "\\r"u8); break;
                case '\t': WriteAscii(output, "\\t"u8); break;
                case '\b': WriteAscii(output, "\\b"u8); break;
                case '\f': WriteAscii(output, "\\f"u8); break;
                default:
                    Span<byte> u = output.GetSpan(6);
                    "\\u00"u8.CopyTo(u);
                    u[4] = "0123456789abcdef"u8[c >> 4];
                    u[5] = "0123456789abcdef"u8[c & 0xF];
                    output.Advance(6);
                    break;
            }

            text = text[(i + 1)..];
        }

        WriteByte(output, (byte)'"');
    }

    /// <summary>The quoted, escaped JSON form of <paramref name="text"/>.</summary>
    public static string Quote(string text)
    {
        var buffer = new ArrayBufferWriter<byte>(text.Length + 2);
        Write(buffer, text);
        return Utf8.GetString(buffer.WrittenSpan);
    }

    private static void WriteByte(IBufferWriter<byte> output, byte b)
    {
        output.GetSpan(1)[0] = b;
        output.Advance(1);
    }

    private static void WriteAscii(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }
}
