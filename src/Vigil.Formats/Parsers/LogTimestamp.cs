namespace Vigil.Formats.Parsers;

/// <summary>
/// A log line's time: Unix seconds, nanoseconds and the UTC offset it was written with. Reads BSD syslog stamps
/// (RFC 3164: no year or zone, pinned to 1970 and UTC as the reference does, so Feb 29 is not a date), RFC 3339
/// stamps and Common Log Format stamps; all calendar math is proleptic Gregorian without DateTime range limits.
/// </summary>
internal readonly record struct LogTimestamp(long UnixSeconds, int Nanos, int OffsetMinutes)
{
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>Float epoch seconds for <c>--cadence</c>.</summary>
    public double Epoch => UnixSeconds + (Nanos / 1e9);

    /// <summary>
    /// <c>Mmm dd hh:mm:ss</c> (day space- or zero-padded, one or two digits). Must be followed by the end, a space
    /// or a colon. <paramref name="length"/> is the number of chars consumed.
    /// </summary>
    public static bool TryParseBsd(ReadOnlySpan<char> s, out LogTimestamp ts, out int length)
    {
        ts = default;
        length = 0;
        if (s.Length < 14)
        {
            return false;
        }

        int month = -1;
        for (int m = 0; m < 12; m++)
        {
            if (s.StartsWith(Months[m], StringComparison.Ordinal))
            {
                month = m + 1;
                break;
            }
        }

        if (month < 0 || s[3] != ' ')
        {
            return false;
        }

        int i = 4;
        while (i < s.Length && s[i] == ' ')
        {
            i++;
        }

        int day = 0;
        int dayDigits = 0;
        while (i < s.Length && dayDigits < 2 && char.IsAsciiDigit(s[i]))
        {
            day = (day * 10) + (s[i] - '0');
            i++;
            dayDigits++;
        }

        if (dayDigits == 0 || i >= s.Length || s[i] != ' ' || i > 7)
        {
            return false;
        }

        i++;
        if (!TryTime(s, ref i, out int hour, out int minute, out int second))
        {
            return false;
        }

        if (i < s.Length && s[i] != ' ' && s[i] != ':')
        {
            return false;
        }

        if (day < 1 || day > DateTime.DaysInMonth(1970, month))
        {
            return false;
        }

        ts = new LogTimestamp(UnixDays(1970, month, day) * 86400L + (hour * 3600) + (minute * 60) + second, 0, 0);
        length = i;
        return true;
    }

    /// <summary>RFC 3339 <c>YYYY-MM-DDThh:mm:ss[.frac](Z|±hh:mm|±hhmm)</c>; must be followed by the end, a space or a colon.</summary>
    public static bool TryParseRfc3339(ReadOnlySpan<char> s, out LogTimestamp ts, out int length)
    {
        ts = default;
        length = 0;
        if (s.Length < 20)
        {
            return false;
        }

        if (!Digits(s, 0, 4, out int year) || s[4] != '-' || !Digits(s, 5, 2, out int month) || s[7] != '-'
            || !Digits(s, 8, 2, out int day) || (s[10] != 'T' && s[10] != 't'))
        {
            return false;
        }

        int i = 11;
        if (!TryTime(s, ref i, out int hour, out int minute, out int second))
        {
            return false;
        }

        int nanos = 0;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            int digits = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                if (digits < 9)
                {
                    nanos = (nanos * 10) + (s[i] - '0');
                }

                digits++;
                i++;
            }

            if (digits == 0)
            {
                return false;
            }

            for (int d = digits; d < 9; d++)
            {
                nanos *= 10;
            }
        }

        int offset;
        if (i < s.Length && (s[i] == 'Z' || s[i] == 'z'))
        {
            offset = 0;
            i++;
        }
        else if (i + 5 <= s.Length && (s[i] == '+' || s[i] == '-') && Digits(s, i + 1, 2, out int oh) && oh < 24)
        {
            // ±hh:mm is RFC 3339; ±hhmm is what Suricata and some forwarders write.
            int colon = s[i + 3] == ':' ? 1 : 0;
            if (!Digits(s, i + 3 + colon, 2, out int om) || om > 59)
            {
                return false;
            }

            offset = ((oh * 60) + om) * (s[i] == '-' ? -1 : 1);
            i += 5 + colon;
        }
        else
        {
            return false;
        }

        if (i < s.Length && s[i] != ' ' && s[i] != ':')
        {
            return false;
        }

        if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        long local = UnixDays(year, month, day) * 86400L + (hour * 3600) + (minute * 60) + second;
        ts = new LogTimestamp(local - (offset * 60L), nanos, offset);
        length = i;
        return true;
    }

    /// <summary>Common Log Format <c>dd/Mon/yyyy:hh:mm:ss ±hhmm</c> (the access-log bracket text, brackets removed).</summary>
    public static bool TryParseClf(ReadOnlySpan<char> s, out LogTimestamp ts)
    {
        ts = default;
        if (s.Length != 26 || !Digits(s, 0, 2, out int day) || s[2] != '/' || s[6] != '/' || !Digits(s, 7, 4, out int year) || s[11] != ':')
        {
            return false;
        }

        int month = Array.IndexOf(Months, s.Slice(3, 3).ToString()) + 1;
        int i = 12;
        if (month == 0 || !TryTime(s, ref i, out int hour, out int minute, out int second) || s[20] != ' '
            || (s[21] != '+' && s[21] != '-') || !Digits(s, 22, 2, out int oh) || !Digits(s, 24, 2, out int om) || om > 59)
        {
            return false;
        }

        if (day < 1 || day > DateTime.DaysInMonth(year == 0 ? 2000 : year, month))
        {
            return false;
        }

        int offset = ((oh * 60) + om) * (s[21] == '-' ? -1 : 1);
        long local = UnixDays(year, month, day) * 86400L + (hour * 3600) + (minute * 60) + second;
        ts = new LogTimestamp(local - (offset * 60L), 0, offset);
        return true;
    }

    /// <summary>
    /// chrono's <c>Display</c> for a fixed-offset time: <c>1970-10-11 22:14:15 +00:00</c>, with <c>.fff</c>,
    /// <c>.ffffff</c> or <c>.fffffffff</c> (the shortest that is exact) when there is a fraction. Writes into
    /// <paramref name="dest"/> (≥ 40 chars) and returns the length.
    /// </summary>
    public int Format(Span<char> dest)
    {
        long local = UnixSeconds + (OffsetMinutes * 60L);
        long days = Math.DivRem(local, 86400L, out long secOfDay);
        if (secOfDay < 0)
        {
            secOfDay += 86400;
            days--;
        }

        CivilFromDays(days, out long year, out int month, out int day);
        int n = 0;
        n += Write(dest[n..], year, 4);
        dest[n++] = '-';
        n += Write(dest[n..], month, 2);
        dest[n++] = '-';
        n += Write(dest[n..], day, 2);
        dest[n++] = ' ';
        n += Write(dest[n..], secOfDay / 3600, 2);
        dest[n++] = ':';
        n += Write(dest[n..], secOfDay / 60 % 60, 2);
        dest[n++] = ':';
        n += Write(dest[n..], secOfDay % 60, 2);
        if (Nanos != 0)
        {
            dest[n++] = '.';
            n += Nanos % 1_000_000 == 0 ? Write(dest[n..], Nanos / 1_000_000, 3)
                : Nanos % 1000 == 0 ? Write(dest[n..], Nanos / 1000, 6)
                : Write(dest[n..], Nanos, 9);
        }

        dest[n++] = ' ';
        int off = Math.Abs(OffsetMinutes);
        dest[n++] = OffsetMinutes < 0 ? '-' : '+';
        n += Write(dest[n..], off / 60, 2);
        dest[n++] = ':';
        n += Write(dest[n..], off % 60, 2);
        return n;
    }

    public override string ToString()
    {
        Span<char> buf = stackalloc char[48];
        return new string(buf[..Format(buf)]);
    }

    /// <summary>Zero-padded to <paramref name="width"/> digits (more if the value needs them); hand-rolled because custom numeric format strings are slow.</summary>
    private static int Write(Span<char> dest, long value, int width)
    {
        if (value < 0)
        {
            dest[0] = '-';
            return 1 + Write(dest[1..], -value, width);
        }

        int digits = 1;
        for (long v = value / 10; v > 0; v /= 10)
        {
            digits++;
        }

        int n = Math.Max(digits, width);
        for (int k = n - 1; k >= 0; k--)
        {
            dest[k] = (char)('0' + (value % 10));
            value /= 10;
        }

        return n;
    }

    private static bool TryTime(ReadOnlySpan<char> s, ref int i, out int hour, out int minute, out int second)
    {
        minute = second = 0;
        if (!Digits(s, i, 2, out hour) || i + 8 > s.Length || s[i + 2] != ':' || !Digits(s, i + 3, 2, out minute)
            || s[i + 5] != ':' || !Digits(s, i + 6, 2, out second) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        i += 8;
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, int at, int count, out int value)
    {
        value = 0;
        if (at + count > s.Length)
        {
            return false;
        }

        for (int k = at; k < at + count; k++)
        {
            uint d = (uint)(s[k] - '0');
            if (d > 9)
            {
                return false;
            }

            value = (value * 10) + (int)d;
        }

        return true;
    }

    // Howard Hinnant's days_from_civil / civil_from_days: proleptic Gregorian, no DateTime range limits.
    internal static long UnixDays(long y, int m, int d)
    {
        y -= m <= 2 ? 1 : 0;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yoe = y - (era * 400);
        long doy = ((153 * (m + (m > 2 ? -3 : 9))) + 2) / 5 + d - 1;
        long doe = (yoe * 365) + (yoe / 4) - (yoe / 100) + doy;
        return (era * 146097) + doe - 719468;
    }

    private static void CivilFromDays(long z, out long year, out int month, out int day)
    {
        z += 719468;
        long era = (z >= 0 ? z : z - 146096) / 146097;
        long doe = z - (era * 146097);
        long yoe = (doe - (doe / 1460) + (doe / 36524) - (doe / 146096)) / 365;
        long doy = doe - ((365 * yoe) + (yoe / 4) - (yoe / 100));
        long mp = ((5 * doy) + 2) / 153;
        day = (int)(doy - (((153 * mp) + 2) / 5) + 1);
        month = (int)(mp < 10 ? mp + 3 : mp - 9);
        year = (yoe + (era * 400)) + (month <= 2 ? 1 : 0);
    }
}
