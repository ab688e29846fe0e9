namespace Vigil.Formats.Parsers;

/// <summary>A byte range inside the UTF-8 line being parsed; empty means absent (or the RFC 5424 nil value <c>-</c>).</summary>
internal readonly record struct TextRange(int Start, int Length)
{
    public ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> text) => text.Slice(Start, Length);
}

/// <summary>
/// The fields of one syslog line (valid UTF-8) as byte ranges into it, found by a loose RFC 3164 / RFC 5424 reading:
/// <c>[&lt;PRI&gt;]</c>, then either <c>VERSION SP TIMESTAMP SP HOST SP APP SP PROCID SP MSGID SP SD [SP MSG]</c>
/// or <c>TIMESTAMP [HOST] TAG[\[PID\]][:] MSG</c>. A line qualifies when it has a PRI or a timestamp.
/// </summary>
internal struct SyslogLine
{
    public int Pri;
    public bool Rfc5424;
    public bool HasTimestamp;
    public LogTimestamp Timestamp;
    public TextRange Hostname;
    public TextRange Appname;
    public TextRange Procid;
    public TextRange Msgid;
    public TextRange Sd;
    public TextRange Message;

    public static bool TryParse(ReadOnlySpan<byte> s, out SyslogLine line)
    {
        line = default;
        line.Pri = -1;
        int i = 0;
        if (TryPri(s, out int pri, out int priLength))
        {
            line.Pri = pri;
            i = priLength;
        }

        if (line.Pri >= 0 && i + 1 < s.Length && s[i] >= (byte)'1' && s[i] <= (byte)'9' && s[i + 1] == (byte)' ')
        {
            ParseRfc5424(s, i + 2, ref line);
            return true;
        }

        ParseRfc3164(s, i, ref line);
        return line.Pri >= 0 || line.HasTimestamp;
    }

    private static void ParseRfc5424(ReadOnlySpan<byte> s, int i, ref SyslogLine line)
    {
        line.Rfc5424 = true;
        TextRange stamp = Token(s, ref i);
        if (LogTimestamp.TryParseRfc3339(stamp.Slice(s), out LogTimestamp ts, out int used) && used == stamp.Length)
        {
            line.HasTimestamp = true;
            line.Timestamp = ts;
        }

        line.Hostname = Nil(s, Token(s, ref i));
        line.Appname = Nil(s, Token(s, ref i));
        line.Procid = Nil(s, Token(s, ref i));
        line.Msgid = Nil(s, Token(s, ref i));
        SkipOneSpace(s, ref i);
        if (i < s.Length && s[i] == (byte)'[')
        {
            int start = i;
            while (i < s.Length && s[i] == (byte)'[')
            {
                i = EndOfSdElement(s, i);
            }

            line.Sd = new TextRange(start, i - start);
        }
        else if (i < s.Length && s[i] == (byte)'-')
        {
            i++;
        }

        line.Message = Trimmed(s, i);
    }

    private static void ParseRfc3164(ReadOnlySpan<byte> s, int i, ref SyslogLine line)
    {
        while (i < s.Length && s[i] == (byte)' ')
        {
            i++;
        }

        ReadOnlySpan<byte> rest = s[i..];
        int used;
        if (LogTimestamp.TryParseBsd(rest, out LogTimestamp ts, out used) || LogTimestamp.TryParseRfc3339(rest, out ts, out used))
        {
            line.HasTimestamp = true;
            line.Timestamp = ts;
            i += used;
            if (i < s.Length && s[i] == (byte)':')
            {
                // "Mar 11 09:39:39: --- last message repeated 5 times ---": no host, no tag.
                line.Message = Trimmed(s, i + 1);
                return;
            }
        }
        else
        {
            line.Message = Trimmed(s, i);
            return;
        }

        SkipSpaces(s, ref i);
        int save = i;
        TextRange host = Token(s, ref i);
        ReadOnlySpan<byte> hostText = host.Slice(s);
        if (host.Length > 0 && hostText[^1] != (byte)':' && !hostText.Contains((byte)'[') && i < s.Length)
        {
            line.Hostname = host;
        }
        else
        {
            i = save;
        }

        SkipSpaces(s, ref i);
        int tagStart = i;
        while (i < s.Length && s[i] != (byte)' ' && s[i] != '\t' && s[i] != (byte)'[' && s[i] != (byte)':')
        {
            i++;
        }

        line.Appname = new TextRange(tagStart, i - tagStart);
        if (i < s.Length && s[i] == (byte)'[')
        {
            int close = s[i..].IndexOf((byte)']');
            if (close > 0)
            {
                line.Procid = new TextRange(i + 1, close - 1);
                i += close + 1;
            }
        }

        if (i < s.Length && s[i] == (byte)':')
        {
            i++;
        }

        line.Message = Trimmed(s, i);
    }

    private static bool TryPri(ReadOnlySpan<byte> s, out int pri, out int length)
    {
        pri = -1;
        length = 0;
        if (s.Length < 3 || s[0] != (byte)'<')
        {
            return false;
        }

        int value = 0;
        int i = 1;
        while (i < s.Length && i <= 3 && char.IsAsciiDigit((char)s[i]))
        {
            value = (value * 10) + (s[i] - '0');
            i++;
        }

        if (i == 1 || i >= s.Length || s[i] != (byte)'>' || value > 191)
        {
            return false;
        }

        pri = value;
        length = i + 1;
        return true;
    }

    private static int EndOfSdElement(ReadOnlySpan<byte> s, int i)
    {
        bool quoted = false;
        for (i++; i < s.Length; i++)
        {
            byte c = s[i];
            if (quoted && c == '\\')
            {
                i++;
            }
            else if (c == (byte)'"')
            {
                quoted = !quoted;
            }
            else if (c == (byte)']' && !quoted)
            {
                return i + 1;
            }
        }

        return s.Length;
    }

    /// <summary>Skips one separating space, then takes the run up to the next space.</summary>
    private static TextRange Token(ReadOnlySpan<byte> s, ref int i)
    {
        SkipOneSpace(s, ref i);
        int start = i;
        while (i < s.Length && s[i] != (byte)' ')
        {
            i++;
        }

        return new TextRange(start, i - start);
    }

    private static TextRange Nil(ReadOnlySpan<byte> s, TextRange r) => r.Length == 1 && s[r.Start] == (byte)'-' ? default : r;

    private static void SkipOneSpace(ReadOnlySpan<byte> s, ref int i)
    {
        if (i < s.Length && s[i] == (byte)' ')
        {
            i++;
        }
    }

    private static void SkipSpaces(ReadOnlySpan<byte> s, ref int i)
    {
        while (i < s.Length && (s[i] == (byte)' ' || s[i] == '\t'))
        {
            i++;
        }
    }

    private static TextRange Trimmed(ReadOnlySpan<byte> s, int i)
    {
        i = Utf8WhiteSpace.SkipStart(s, Math.Min(i, s.Length));
        int end = Utf8WhiteSpace.TrimmedEnd(s, i);
        return new TextRange(i, end - i);
    }
}
