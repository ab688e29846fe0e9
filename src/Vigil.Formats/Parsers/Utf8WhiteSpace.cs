using System.Text;

namespace Vigil.Formats.Parsers;

/// <summary>
/// <see cref="char.IsWhiteSpace(char)"/> trimming over valid UTF-8, so byte parsers trim exactly what
/// <c>ReadOnlySpan&lt;char&gt;.Trim()</c> trimmed on the decoded text (NBSP, U+2000…U+200A, U+3000 included).
/// </summary>
internal static class Utf8WhiteSpace
{
    /// <summary>The byte length of the character at <paramref name="i"/> when it is white space, else 0.</summary>
    public static int WidthAt(ReadOnlySpan<byte> s, int i)
    {
        byte b = s[i];
        if (b < 0x80)
        {
            return char.IsWhiteSpace((char)b) ? 1 : 0;
        }

        Rune.DecodeFromUtf8(s[i..], out Rune rune, out int consumed);
        return Rune.IsWhiteSpace(rune) ? consumed : 0;
    }

    /// <summary>Index of the first non-white character at or after <paramref name="from"/> (or <c>s.Length</c>).</summary>
    public static int SkipStart(ReadOnlySpan<byte> s, int from)
    {
        while (from < s.Length)
        {
            int width = WidthAt(s, from);
            if (width == 0)
            {
                break;
            }

            from += width;
        }

        return from;
    }

    /// <summary>The end of <paramref name="s"/> with trailing white space removed, not going below <paramref name="floor"/>.</summary>
    public static int TrimmedEnd(ReadOnlySpan<byte> s, int floor = 0)
    {
        int end = s.Length;
        while (end > floor)
        {
            if (s[end - 1] < 0x80)
            {
                if (!char.IsWhiteSpace((char)s[end - 1]))
                {
                    break;
                }

                end--;
                continue;
            }

            int start = end - 1;
            while (start > floor && (s[start] & 0xC0) == 0x80)
            {
                start--; // back to the lead byte of the last character
            }

            if (WidthAt(s, start) == 0)
            {
                break;
            }

            end = start;
        }

        return end;
    }

    public static ReadOnlySpan<byte> TrimEnd(ReadOnlySpan<byte> s) => s[..TrimmedEnd(s)];

    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s)
    {
        int start = SkipStart(s, 0);
        return s[start..TrimmedEnd(s, start)];
    }
}
