using System.Numerics;

namespace Vigil.Formats.Parsers;

/// <summary>
/// A log line's time: Unix seconds, nanoseconds and the UTC offset it was written with. Reads BSD syslog stamps
/// (RFC 3164: no year or zone, pinned to 1970 and UTC as the reference does, so Feb 29 is not a date), RFC 3339
/// stamps and Common Log Format stamps; all calendar math is proleptic Gregorian without DateTime range limits.
/// </summary>
internal readonly record struct LogTimestamp(long UnixSeconds, int Nanos, int OffsetMinutes)
{
    // The twelve three-letter month names, packed as ASCII into the low 24 bits (first letter lowest).
    private static ReadOnlySpan<int> MonthKeys =>
    [
        'J' | ('a' << 8) | ('n' << 16), 'F' | ('e' << 8) | ('b' << 16), 'M' | ('a' << 8) | ('r' << 16), 'A' | ('p' << 8) | ('r' << 16),
        'M' | ('a' << 8) | ('y' << 16), 'J' | ('u' << 8) | ('n' << 16), 'J' | ('u' << 8) | ('l' << 16), 'A' | ('u' << 8) | ('g' << 16),
        'S' | ('e' << 8) | ('p' << 16), 'O' | ('c' << 8) | ('t' << 16), 'N' | ('o' << 8) | ('v' << 16), 'D' | ('e' << 8) | ('c' << 16),
    ];

    /// <summary>Float epoch seconds for <c>--cadence</c>.</summary>
    public double Epoch => UnixSeconds + (Nanos / 1e9);

    /// <summary>
    /// <c>Mmm dd hh:mm:ss</c> (day space- or zero-padded, one or two digits). Must be followed by the end, a space
    /// or a colon. <paramref name="length"/> is the number of chars consumed.
    /// </summary>
    public static bool TryParseBsd(ReadOnlySpan<char> s, out LogTimestamp ts, out int length) => TryParseBsd<char>(s, out ts, out length);

    /// <inheritdoc cref="TryParseBsd(ReadOnlySpan{char}, out LogTimestamp, out int)"/>
    public static bool TryParseBsd(ReadOnlySpan<byte> s, out LogTimestamp ts, out int length) => TryParseBsd<byte>(s, out ts, out length);

    /// <summary>RFC 3339 <c>YYYY-MM-DDThh:mm:ss[.frac](Z|±hh:mm|±hhmm)</c>; must be followed by the end, a space or a colon.</summary>
    public static bool TryParseRfc3339(ReadOnlySpan<char> s, out LogTimestamp ts, out int length) => TryParseRfc3339<char>(s, out ts, out length);

    /// <inheritdoc cref="TryParseRfc3339(ReadOnlySpan{char}, out LogTimestamp, out int)"/>
    public static bool TryParseRfc3339(ReadOnlySpan<byte> s, out LogTimestamp ts, out int length) => TryParseRfc3339<byte>(s, out ts, out length);

    /// <summary>Common Log Format <c>dd/Mon/yyyy:hh:mm:ss ±hhmm</c> (the access-log bracket text, brackets removed).</summary>
    public static bool TryParseClf(ReadOnlySpan<char> s, out LogTimestamp ts) => TryParseClf<char>(s, out ts);

    /// <inheritdoc cref="TryParseClf(ReadOnlySpan{char}, out LogTimestamp)"/>
    public static bool TryParseClf(ReadOnlySpan<byte> s, out LogTimestamp ts) => TryParseClf<byte>(s, out ts);

    private static bool TryParseBsd<T>(ReadOnlySpan<T> s, out LogTimestamp ts, out int length)
        where T : unmanaged, IBinaryInteger<T>
    {
        ts = default;
        length = 0;
        if (s.Length < 14)
        {
            return false;
        }

        int month = MonthOf(s, 0);
        if (month < 0 || At(s, 3) != ' ')
        {
            return false;
        }

        int i = 4;
        while (i < s.Length && At(s, i) == ' ')
        {
            i++;
        }

        int day = 0;
        int dayDigits = 0;
        while (i < s.Length && dayDigits < 2 && char.IsAsciiDigit((char)At(s, i)))
        {
            day = (day * 10) + (At(s, i) - '0');
            i++;
            dayDigits++;
        }

        if (dayDigits == 0 || i >= s.Length || At(s, i) != ' ' || i > 7)
        {
            return false;
        }

        i++;
        if (!TryTime(s, ref i, out int hour, out int minute, out int second))
        {
            return false;
        }

        if (i < s.Length && At(s, i) != ' ' && At(s, i) != ':')
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

    private static bool TryParseRfc3339<T>(ReadOnlySpan<T> s, out LogTimestamp ts, out int length)
        where T : unmanaged, IBinaryInteger<T>
    {
        ts = default;
        length = 0;
        if (s.Length < 20)
        {
            return false;
        }

        if (!Digits(s, 0, 4, out int year) || At(s, 4) != '-' || !Digits(s, 5, 2, out int month) || At(s, 7) != '-'
            || !Digits(s, 8, 2, out int day) || (At(s, 10) != 'T' && At(s, 10) != 't'))
        {
            return false;
        }

        int i = 11;
        if (!TryTime(s, ref i, out int hour, out int minute, out int second))
        {
            return false;
        }

        int nanos = 0;
        if (i < s.Length && At(s, i) == '.')
        {
            i++;
            int digits = 0;
            while (i < s.Length && char.IsAsciiDigit((char)At(s, i)))
            {
                if (digits < 9)
                {
                    nanos = (nanos * 10) + (At(s, i) - '0');
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
        if (i < s.Length && (At(s, i) == 'Z' || At(s, i) == 'z'))
        {
            offset = 0;
            i++;
        }
        else if (i + 5 <= s.Length && (At(s, i) == '+' || At(s, i) == '-') && Digits(s, i + 1, 2, out int oh) && oh < 24)
        {
            // ±hh:mm is RFC 3339; ±hhmm is what Suricata and some forwarders write.
            int colon = At(s, i + 3) == ':' ? 1 : 0;
            if (!Digits(s, i + 3 + colon, 2, out int om) || om > 59)
            {
                return false;
            }

            offset = ((oh * 60) + om) * (At(s, i) == '-' ? -1 : 1);
            i += 5 + colon;
        }
        else
        {
            return false;
        }

        if (i < s.Length && At(s, i) != ' ' && At(s, i) != ':')
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

    private static bool TryParseClf<T>(ReadOnlySpan<T> s, out LogTimestamp ts)
        where T : unmanaged, IBinaryInteger<T>
    {
        ts = default;
        if (s.Length != 26 || !Digits(s, 0, 2, out int day) || At(s, 2) != '/' || At(s, 6) != '/' || !Digits(s, 7, 4, out int year) || At(s, 11) != ':')
        {
            return false;
        }

        int month = MonthOf(s, 3);
        month = month < 0 ? 0 : month;
        int i = 12;
        if (month == 0 || !TryTime(s, ref i, out int hour, out int minute, out int second) || At(s, 20) != ' '
            || (At(s, 21) != '+' && At(s, 21) != '-') || !Digits(s, 22, 2, out int oh) || !Digits(s, 24, 2, out int om) || om > 59)
        {
            return false;
        }

        if (day < 1 || day > DateTime.DaysInMonth(year == 0 ? 2000 : year, month))
        {
            return false;
        }

        int offset = ((oh * 60) + om) * (At(s, 21) == '-' ? -1 : 1);
        long local = UnixDays(year, month, day) * 86400L + (hour * 3600) + (minute * 60) + second;
        ts = new LogTimestamp(local - (offset * 60L), 0, offset);
        return true;
    }

    /// <summary>
    /// chrono's <c>Display</c> for a fixed-offset time: <c>1970-10-11 22:14:15 +00:00</c>, with <c>.fff</c>,
    /// <c>.ffffff</c> or <c>.fffffffff</c> (the shortest that is exact) when there is a fraction. Writes into
    /// <paramref name="dest"/> (≥ 40 chars) and returns the length.
    /// </summary>
    public int Format(Span<char> dest) => Format<char>(dest);

    /// <inheritdoc cref="Format(Span{char})"/>
    public int Format(Span<byte> dest) => Format<byte>(dest);

    private int Format<T>(Span<T> dest)
        where T : unmanaged, IBinaryInteger<T>
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
        dest[n++] = T.CreateTruncating('-');
        n += Write(dest[n..], month, 2);
        dest[n++] = T.CreateTruncating('-');
        n += Write(dest[n..], day, 2);
        dest[n++] = T.CreateTruncating(' ');
        n += Write(dest[n..], secOfDay / 3600, 2);
        dest[n++] = T.CreateTruncating(':');
        n += Write(dest[n..], secOfDay / 60 % 60, 2);
        dest[n++] = T.CreateTruncating(':');
        n += Write(dest[n..], secOfDay % 60, 2);
        if (Nanos != 0)
        {
            dest[n++] = T.CreateTruncating('.');
            n += Nanos % 1_000_000 == 0 ? Write(dest[n..], Nanos / 1_000_000, 3)
                : Nanos % 1000 == 0 ? Write(dest[n..], Nanos / 1000, 6)
                : Write(dest[n..], Nanos, 9);
        }

        dest[n++] = T.CreateTruncating(' ');
        int off = Math.Abs(OffsetMinutes);
        dest[n++] = T.CreateTruncating((int)(OffsetMinutes < 0 ? '-' : '+'));
        n += Write(dest[n..], off / 60, 2);
        dest[n++] = T.CreateTruncating(':');
        n += Write(dest[n..], off % 60, 2);
        return n;
    }

    public override string ToString()
    {
        Span<char> buf = stackalloc char[48];
        return new string(buf[..Format(buf)]);
    }

    /// <summary>Zero-padded to <paramref name="width"/> digits (more if the value needs them); hand-rolled because custom numeric format strings are slow.</summary>
    private static int Write<T>(Span<T> dest, long value, int width)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (value < 0)
        {
            dest[0] = T.CreateTruncating('-');
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
            dest[k] = T.CreateTruncating('0' + (value % 10));
            value /= 10;
        }

        return n;
    }

    private static int At<T>(ReadOnlySpan<T> s, int i)
        where T : unmanaged, IBinaryInteger<T> => int.CreateTruncating(s[i]);

    /// <summary>1–12 for a month name at <paramref name="at"/> (three chars must be present), else -1.</summary>
    private static int MonthOf<T>(ReadOnlySpan<T> s, int at)
        where T : unmanaged, IBinaryInteger<T>
    {
        int a = At(s, at), b = At(s, at + 1), c = At(s, at + 2);
        if ((a | b | c) > 0x7F)
        {
            return -1;
        }

        int key = a | (b << 8) | (c << 16);
        ReadOnlySpan<int> keys = MonthKeys;
        for (int m = 0; m < keys.Length; m++)
        {
            if (keys[m] == key)
            {
                return m + 1;
            }
        }

        return -1;
    }

    private static bool TryTime<T>(ReadOnlySpan<T> s, ref int i, out int hour, out int minute, out int second)
        where T : unmanaged, IBinaryInteger<T>
    {
        minute = second = 0;
        if (!Digits(s, i, 2, out hour) || i + 8 > s.Length || At(s, i + 2) != ':' || !Digits(s, i + 3, 2, out minute)
            || At(s, i + 5) != ':' || !Digits(s, i + 6, 2, out second) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        i += 8;
        return true;
    }

    private static bool Digits<T>(ReadOnlySpan<T> s, int at, int count, out int value)
        where T : unmanaged, IBinaryInteger<T>
    {
        value = 0;
        if (at + count > s.Length)
        {
            return false;
        }

        for (int k = at; k < at + count; k++)
        {
            uint d = (uint)(At(s, k) - '0');
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
