namespace Vigil.Formats.Parsers;

/// <summary>A char range inside the line being parsed; empty means absent (or the RFC 5424 nil value <c>-</c>).</summary>
internal readonly record struct TextRange(int Start, int Length)
{
    public ReadOnlySpan<char> Slice(ReadOnlySpan<char> text) => text.Slice(Start, Length);
}

/// <summary>
/// The fields of one syslog line as ranges into its text, found by a loose RFC 3164 / RFC 5424 reading:
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

    public static bool TryParse(ReadOnlySpan<char> s, out SyslogLine line)
    {
        line = default;
        line.Pri = -1;
        int i = 0;
        if (TryPri(s, out int pri, out int priLength))
        {
            line.Pri = pri;
            i = priLength;
        }

        if (line.Pri >= 0 && i + 1 < s.Length && s[i] >= '1' && s[i] <= '9' && s[i + 1] == ' ')
        {
            ParseRfc5424(s, i + 2, ref line);
            return true;
        }

        ParseRfc3164(s, i, ref line);
        return line.Pri >= 0 || line.HasTimestamp;
    }

    private static void ParseRfc5424(ReadOnlySpan<char> s, int i, ref SyslogLine line)
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
        if (i < s.Length && s[i] == '[')
        {
            int start = i;
            while (i < s.Length && s[i] == '[')
            {
                i = EndOfSdElement(s, i);
            }

            line.Sd = new TextRange(start, i - start);
        }
        else if (i < s.Length && s[i] == '-')
        {
            i++;
        }

        line.Message = Trimmed(s, i);
    }

    private static void ParseRfc3164(ReadOnlySpan<char> s, int i, ref SyslogLine line)
    {
        while (i < s.Length && s[i] == ' ')
        {
            i++;
        }

        ReadOnlySpan<char> rest = s[i..];
        int used;
        if (LogTimestamp.TryParseBsd(rest, out LogTimestamp ts, out used) || LogTimestamp.TryParseRfc3339(rest, out ts, out used))
        {
            line.HasTimestamp = true;
            line.Timestamp = ts;
            i += used;
            if (i < s.Length && s[i] == ':')
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
        ReadOnlySpan<char> hostText = host.Slice(s);
        if (host.Length > 0 && hostText[^1] != ':' && !hostText.Contains('[') && i < s.Length)
        {
            line.Hostname = host;
        }
        else
        {
            i = save;
        }

        SkipSpaces(s, ref i);
        int tagStart = i;
        while (i < s.Length && s[i] != ' ' && s[i] != '\t' && s[i] != '[' && s[i] != ':')
        {
            i++;
        }

        line.Appname = new TextRange(tagStart, i - tagStart);
        if (i < s.Length && s[i] == '[')
        {
            int close = s[i..].IndexOf(']');
            if (close > 0)
            {
                line.Procid = new TextRange(i + 1, close - 1);
                i += close + 1;
            }
        }

        if (i < s.Length && s[i] == ':')
        {
            i++;
        }

        line.Message = Trimmed(s, i);
    }

    private static bool TryPri(ReadOnlySpan<char> s, out int pri, out int length)
    {
        pri = -1;
        length = 0;
        if (s.Length < 3 || s[0] != '<')
        {
            return false;
        }

        int value = 0;
        int i = 1;
        while (i < s.Length && i <= 3 && char.IsAsciiDigit(s[i]))
        {
            value = (value * 10) + (s[i] - '0');
            i++;
        }

        if (i == 1 || i >= s.Length || s[i] != '>' || value > 191)
        {
            return false;
        }

        pri = value;
        length = i + 1;
        return true;
    }

    private static int EndOfSdElement(ReadOnlySpan<char> s, int i)
    {
        bool quoted = false;
        for (i++; i < s.Length; i++)
        {
            char c = s[i];
            if (quoted && c == '\\')
            {
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ']' && !quoted)
            {
                return i + 1;
            }
        }

        return s.Length;
    }

    /// <summary>Skips one separating space, then takes the run up to the next space.</summary>
    private static TextRange Token(ReadOnlySpan<char> s, ref int i)
    {
        SkipOneSpace(s, ref i);
        int start = i;
        while (i < s.Length && s[i] != ' ')
        {
            i++;
        }

        return new TextRange(start, i - start);
    }

    private static TextRange Nil(ReadOnlySpan<char> s, TextRange r) => r.Length == 1 && s[r.Start] == '-' ? default : r;

    private static void SkipOneSpace(ReadOnlySpan<char> s, ref int i)
    {
        if (i < s.Length && s[i] == ' ')
        {
            i++;
        }
    }

    private static void SkipSpaces(ReadOnlySpan<char> s, ref int i)
    {
        while (i < s.Length && (s[i] == ' ' || s[i] == '\t'))
        {
            i++;
        }
    }

    private static TextRange Trimmed(ReadOnlySpan<char> s, int i)
    {
        i = Math.Min(i, s.Length);
        int end = s.Length;
        while (i < end && char.IsWhiteSpace(s[i]))
        {
            i++;
        }

        while (end > i && char.IsWhiteSpace(s[end - 1]))
        {
            end--;
        }

        return new TextRange(i, end - i);
    }
}
