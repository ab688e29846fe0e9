using System.Text;
using System.Text.Unicode;

using Vigil.Formats.Engine;

namespace Vigil.Formats;

/// <summary>Strict UTF-8 handling shared by the text parsers: invalid bytes are a parse error naming line and byte offset.</summary>
internal static class TextInput
{
    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>The input without a leading UTF-8 byte-order mark.</summary>
    public static ReadOnlySpan<byte> WithoutBom(ReadOnlySpan<byte> data) => data.StartsWith(Bom) ? data[3..] : data;

    /// <summary>Throws a <see cref="FormatParseException"/> for <paramref name="format"/> unless the bytes are valid UTF-8.</summary>
    public static void EnsureUtf8(ReadOnlySpan<byte> data, string format)
    {
        if (Utf8.IsValid(data))
        {
            return;
        }

        int offset = 0;
        while (offset < data.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(data[offset..], out _, out int consumed) != System.Buffers.OperationStatus.Done)
            {
                break;
            }

            offset += consumed;
        }

        long line = data[..offset].Count((byte)'\n') + 1;
        throw new FormatParseException(format, $"invalid UTF-8 at byte offset {offset}", line);
    }

    /// <summary>Validates, strips a BOM and decodes the whole input.</summary>
    public static string Decode(ReadOnlyMemory<byte> data, string format)
    {
        ReadOnlySpan<byte> span = data.Span;
        EnsureUtf8(span, format);
        return Encoding.UTF8.GetString(WithoutBom(span));
    }
}

/// <summary>
/// Rust <c>str::lines()</c> over text: splits on <c>\n</c>, drops one trailing <c>\r</c>, and yields no final empty
/// line after a trailing newline. Line numbers are 1-based.
/// </summary>
internal ref struct LineSplitter
{
    private ReadOnlySpan<char> _rest;
    private bool _done;

    public LineSplitter(ReadOnlySpan<char> text)
    {
        _rest = text;
        _done = text.IsEmpty;
        LineNumber = 0;
    }

    public int LineNumber { get; private set; }

    public bool MoveNext(out ReadOnlySpan<char> line)
    {
        if (_done)
        {
            line = default;
            return false;
        }

        int nl = _rest.IndexOf('\n');
        if (nl < 0)
        {
            line = _rest;
            _done = true;
        }
        else
        {
            line = _rest[..nl];
            _rest = _rest[(nl + 1)..];
            _done = _rest.IsEmpty;
        }

        if (!line.IsEmpty && line[^1] == '\r')
        {
            line = line[..^1];
        }

        LineNumber++;
        return true;
    }
}

/// <summary>Byte-level helpers for content sniffing. Sniffs never throw and look at a bounded prefix.</summary>
internal static class SniffText
{
    /// <summary>How much of the input a sniff validates as UTF-8; the parse validates the rest.</summary>
    public const int Utf8CheckLimit = 64 * 1024;

    /// <summary>
    /// True when the input's first <see cref="Utf8CheckLimit"/> bytes are valid UTF-8 text (a sequence cut by the limit
    /// is allowed). A NUL byte is valid UTF-8 but no text format holds one: it marks binary data (or UTF-16), which
    /// no text sniff may claim (issue 14 item 10: 1 MiB of NULs used to scan as a clean one-column CSV).
    /// </summary>
    public static bool LooksUtf8(ReadOnlySpan<byte> data)
    {
        if (data[..Math.Min(data.Length, Utf8CheckLimit)].Contains((byte)0))
        {
            return false;
        }

        if (data.Length <= Utf8CheckLimit)
        {
            return Utf8.IsValid(data);
        }

        ReadOnlySpan<byte> prefix = data[..Utf8CheckLimit];
        for (int cut = 0; cut < 4; cut++)
        {
            if (Utf8.IsValid(prefix[..^cut]))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsBlank(ReadOnlySpan<byte> line)
    {
        foreach (byte b in line)
        {
            if (!IsAsciiWhite(b))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><see cref="MemoryExtensions.IsWhiteSpace(ReadOnlySpan{char})"/> of the decoded text (valid UTF-8).</summary>
    public static bool IsUnicodeWhiteSpace(ReadOnlySpan<byte> text)
    {
        while (!text.IsEmpty)
        {
            if (text[0] < 0x80)
            {
                if (!char.IsWhiteSpace((char)text[0]))
                {
                    return false;
                }

                text = text[1..];
                continue;
            }

            System.Text.Rune.DecodeFromUtf8(text, out System.Text.Rune rune, out int consumed);
            if (!System.Text.Rune.IsWhiteSpace(rune))
            {
                return false;
            }

            text = text[consumed..];
        }

        return true;
    }

    public static bool IsAsciiWhite(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0B or 0x0C;

    public static ReadOnlySpan<byte> TrimStart(ReadOnlySpan<byte> s)
    {
        int i = 0;
        while (i < s.Length && IsAsciiWhite(s[i]))
        {
            i++;
        }

        return s[i..];
    }

    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s)
    {
        s = TrimStart(s);
        int end = s.Length;
        while (end > 0 && IsAsciiWhite(s[end - 1]))
        {
            end--;
        }

        return s[..end];
    }

    /// <summary>The first line that is not whitespace-only (raw, BOM removed), or false.</summary>
    public static bool TryFirstNonBlankLine(ReadOnlySpan<byte> data, out ReadOnlySpan<byte> line)
    {
        var lines = new Utf8LineSplitter(TextInput.WithoutBom(data));
        while (lines.MoveNext(out line))
        {
            if (!IsBlank(line))
            {
                return true;
            }
        }

        line = default;
        return false;
    }

    /// <summary>Strong for UTF-8 text whose first non-blank line starts with <paramref name="prefix"/> (CEF:, LEEF:), else none.</summary>
    public static SniffConfidence FirstLineStartsWith(ReadOnlySpan<byte> data, ReadOnlySpan<byte> prefix) =>
        LooksUtf8(data) && TryFirstNonBlankLine(data, out ReadOnlySpan<byte> first) && first.StartsWith(prefix)
            ? SniffConfidence.Strong
            : SniffConfidence.None;
}
