using Vigil.Core.Columns;
using Vigil.Core.Values;

using Vigil.Formats.Engine;

namespace Vigil.Formats.Parsers;

/// <summary>
/// dnsmasq query logs (reference §5.3.22): each <c>query[TYPE] NAME from CLIENT</c> line is a row; other lines are
/// skipped. Columns: <c>timestamp</c> (the first 15 characters, Str), <c>timestamp_epoch</c> (that stamp in year
/// 1970, UTC, Int seconds), <c>qtype</c>, <c>qname</c>, <c>client</c>, and the derived <c>qname_length</c> (chars)
/// and <c>qname_entropy</c> (Shannon entropy in bits over the name's characters).
/// </summary>
internal sealed class DnsParser : IDocumentFormatParser
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    public string Id => "dns";

    public IReadOnlyList<string> Extensions { get; } = [];

    public SniffConfidence Sniff(ReadOnlySpan<byte> data)
    {
        if (!SniffText.LooksUtf8(data))
        {
            return SniffConfidence.None;
        }

        var lines = new Utf8LineSplitter(TextInput.WithoutBom(data));
        char[] buffer = new char[512];
        while (lines.LineNumber < 64 && lines.MoveNext(out ReadOnlySpan<byte> line))
        {
            if (line.IndexOf("query["u8) < 0 || line.Length > buffer.Length)
            {
                continue;
            }

            // Query lines are ASCII in practice; a widened copy lets sniff and parse share one matcher.
            int n = 0;
            foreach (byte b in line)
            {
                buffer[n++] = (char)b;
            }

            if (TryMatch(buffer.AsSpan(0, n), out _, out _, out _))
            {
                return SniffConfidence.Strong;
            }
        }

        return SniffConfidence.None;
    }

    public IReadOnlyList<Column> Parse(ReadOnlyMemory<byte> data)
    {
        string text = TextInput.Decode(data, Id);
        var table = new SpanTableBuilder();
        var lines = new LineSplitter(text);
        while (lines.MoveNext(out ReadOnlySpan<char> line))
        {
            if (!TryMatch(line, out ReadOnlySpan<char> qtype, out ReadOnlySpan<char> qname, out ReadOnlySpan<char> client))
            {
                continue;
            }

            table.BeginRecord();
            ReadOnlySpan<char> stamp = FirstChars(line, 15);
            table.SetString("timestamp", stamp);
            if (TryParseStamp(stamp, out long epoch))
            {
                table.SetValue("timestamp_epoch", Value.FromInt(epoch));
            }

            table.SetString("qtype", qtype);
            table.SetString("qname", qname);
            table.SetString("client", client);
            table.SetValue("qname_length", Value.FromInt(CharCount(qname)));
            table.SetValue("qname_entropy", Value.FromFloat(Entropy(qname)));
            table.EndRecord();
        }

        if (table.RecordCount == 0)
        {
            throw new FormatParseException(Id, "no DNS query lines found");
        }

        return table.Build();
    }

    /// <summary>Shannon entropy in bits over the characters (Unicode scalar values): −Σ p·log2 p; 0 for "".</summary>
    internal static double Entropy(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty)
        {
            return 0;
        }

        var counts = new Dictionary<int, int>();
        int total = 0;
        foreach (System.Text.Rune r in s.EnumerateRunes())
        {
            counts[r.Value] = counts.GetValueOrDefault(r.Value) + 1;
            total++;
        }

        // Summed in key order so the result does not depend on dictionary iteration order.
        double h = 0;
        foreach (int key in counts.Keys.Order())
        {
            double p = counts[key] / (double)total;
            h -= p * Math.Log2(p);
        }

        return h == 0 ? 0 : h;
    }

    /// <summary>
    /// <c>query[</c> + TYPE (first char an ASCII capital) + <c>]</c>, then NAME up to <c> from </c>, then CLIENT (trimmed).
    /// </summary>
    internal static bool TryMatch(ReadOnlySpan<char> line, out ReadOnlySpan<char> qtype, out ReadOnlySpan<char> qname, out ReadOnlySpan<char> client)
    {
        qtype = qname = client = default;
        int q = line.IndexOf("query[", StringComparison.Ordinal);
        if (q < 0)
        {
            return false;
        }

        ReadOnlySpan<char> rest = line[(q + 6)..];
        int close = rest.IndexOf(']');
        if (close <= 0 || !char.IsAsciiLetterUpper(rest[0]))
        {
            return false;
        }

        qtype = rest[..close];
        rest = rest[(close + 1)..].TrimStart(' ');
        int from = rest.IndexOf(" from ", StringComparison.Ordinal);
        if (from < 0)
        {
            return false;
        }

        qname = rest[..from].Trim();
        client = rest[(from + 6)..].Trim();
        return true;
    }

    /// <summary>Seconds since 1970-01-01 for a syslog stamp <c>Mmm dd HH:MM:SS</c> read in year 1970, UTC.</summary>
    internal static bool TryParseStamp(ReadOnlySpan<char> stamp, out long epoch)
    {
        epoch = 0;
        if (stamp.Length < 14)
        {
            return false;
        }

        int month = -1;
        for (int m = 0; m < 12; m++)
        {
            if (stamp[..3].Equals(Months[m], StringComparison.OrdinalIgnoreCase))
            {
                month = m + 1;
            }
        }

        if (month < 0 || stamp[3] != ' ')
        {
            return false;
        }

        ReadOnlySpan<char> rest = stamp[4..].TrimStart(' ');
        int space = rest.IndexOf(' ');
        if (space is < 1 or > 2 || !int.TryParse(rest[..space], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int day))
        {
            return false;
        }

        ReadOnlySpan<char> time = rest[(space + 1)..];
        if (time.Length != 8 || time[2] != ':' || time[5] != ':'
            || !TwoDigits(time[..2], out int hh) || !TwoDigits(time[3..5], out int mm) || !TwoDigits(time[6..8], out int ss)
            || hh > 23 || mm > 59 || ss > 60 || day < 1 || day > DateTime.DaysInMonth(1970, month))
        {
            return false;
        }

        var t = new DateTime(1970, month, day, hh, mm, Math.Min(ss, 59), DateTimeKind.Utc);
        epoch = (long)(t - DateTime.UnixEpoch).TotalSeconds + (ss == 60 ? 1 : 0);
        return true;
    }

    private static bool TwoDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        if (!char.IsAsciiDigit(s[0]) || !char.IsAsciiDigit(s[1]))
        {
            return false;
        }

        value = ((s[0] - '0') * 10) + (s[1] - '0');
        return true;
    }

    private static ReadOnlySpan<char> FirstChars(ReadOnlySpan<char> line, int count)
    {
        int i = 0;
        int n = 0;
        while (i < line.Length && n < count)
        {
            i += char.IsHighSurrogate(line[i]) && i + 1 < line.Length ? 2 : 1;
            n++;
        }

        return line[..i];
    }

    private static int CharCount(ReadOnlySpan<char> s)
    {
        int n = 0;
        foreach (System.Text.Rune _ in s.EnumerateRunes())
        {
            n++;
        }

        return n;
    }
}
