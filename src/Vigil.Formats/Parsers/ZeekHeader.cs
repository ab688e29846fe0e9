using System.Globalization;
using System.Text;

namespace Vigil.Formats.Parsers;

/// <summary>
/// What a Zeek log's directives have said so far: the separator (UTF-8 of one character), the unset and empty
/// markers, and the field names once <c>#fields</c> has been seen. Immutable: a directive yields a new header, so a
/// chunk can carry the header in force at its first line to another thread.
/// </summary>
internal sealed class ZeekHeader
{
    private ZeekHeader(byte[] separator, byte[] unset, byte[] empty, string[]? names, byte[][]? nameBytes)
    {
        Separator = separator;
        Unset = unset;
        Empty = empty;
        Names = names;
        NameBytes = nameBytes;
    }

    /// <summary>The defaults before any directive: tab, <c>-</c>, <c>(empty)</c>, no fields.</summary>
    public static ZeekHeader Initial { get; } = new([(byte)'\t'], "-"u8.ToArray(), "(empty)"u8.ToArray(), null, null);

    public byte[] Separator { get; }

    public byte[] Unset { get; }

    public byte[] Empty { get; }

    public string[]? Names { get; }

    public byte[][]? NameBytes { get; }

    /// <summary>
    /// The header after directive line <paramref name="line"/> (which starts with <c>#</c>). A second <c>#fields</c>
    /// must repeat the first: otherwise <paramref name="conflict"/> is set and the header is unchanged.
    /// </summary>
    public ZeekHeader Apply(ReadOnlySpan<byte> line, out bool conflict)
    {
        conflict = false;
        if (line.StartsWith("#separator"u8))
        {
            return new ZeekHeader(ParseSeparator(line["#separator".Length..].TrimStart((byte)' ')), Unset, Empty, Names, NameBytes);
        }

        int sep = line.IndexOf(Separator);
        ReadOnlySpan<byte> directive = sep < 0 ? line : line[..sep];
        ReadOnlySpan<byte> rest = sep < 0 ? [] : line[(sep + Separator.Length)..];
        if (directive.SequenceEqual("#fields"u8))
        {
            byte[][] fields = Split(rest, Separator);
            if (NameBytes is not null)
            {
                conflict = !SameNames(fields, NameBytes);
                return this;
            }

            string[] names = new string[fields.Length];
            for (int i = 0; i < names.Length; i++)
            {
                names[i] = Encoding.UTF8.GetString(fields[i]);
            }

            return new ZeekHeader(Separator, Unset, Empty, names, fields);
        }

        if (directive.SequenceEqual("#unset_field"u8))
        {
            return new ZeekHeader(Separator, rest.ToArray(), Empty, Names, NameBytes);
        }

        if (directive.SequenceEqual("#empty_field"u8))
        {
            return new ZeekHeader(Separator, Unset, rest.ToArray(), Names, NameBytes);
        }

        return this;
    }

    /// <summary>
    /// <c>\xHH</c> is a hex byte (read as the character U+00HH); otherwise the first character; tab when nothing is
    /// given.
    /// </summary>
    private static byte[] ParseSeparator(ReadOnlySpan<byte> token)
    {
        token = Utf8WhiteSpace.TrimEnd(token);
        if (token.Length >= 4 && token[0] == (byte)'\\' && token[1] == (byte)'x'
            && byte.TryParse(token[2..4], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out byte b))
        {
            return Encoding.UTF8.GetBytes([(char)b]);
        }

        if (token.IsEmpty)
        {
            return [(byte)'\t'];
        }

        Rune.DecodeFromUtf8(token, out _, out int consumed);
        return token[..consumed].ToArray();
    }

    private static byte[][] Split(ReadOnlySpan<byte> s, ReadOnlySpan<byte> separator)
    {
        var parts = new List<byte[]>();
        while (true)
        {
            int at = s.IndexOf(separator);
            if (at < 0)
            {
                parts.Add(s.ToArray());
                return [.. parts];
            }

            parts.Add(s[..at].ToArray());
            s = s[(at + separator.Length)..];
        }
    }

    private static bool SameNames(byte[][] a, byte[][] b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (int i = 0; i < a.Length; i++)
        {
            if (!a[i].AsSpan().SequenceEqual(b[i]))
            {
                return false;
            }
        }

        return true;
    }
}
