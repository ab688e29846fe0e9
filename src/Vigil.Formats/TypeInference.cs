using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using Vigil.Core.Columns;
using Vigil.Core.Values;

namespace Vigil.Formats;

/// <summary>
/// The reference's text-cell inference (§2.4 <c>infer_scalar</c>): "" → Null; a Rust i64 → Int; a finite Rust f64 →
/// Float; exactly true/TRUE/True, false/FALSE/False → Bool; anything else → Str, untrimmed.
/// </summary>
public static class TypeInference
{
    private enum Kind
    {
        Null,
        Int,
        Float,
        Bool,
        Str,
    }

    /// <summary>Infers one text cell. Allocates only for a Str result.</summary>
    public static Value InferScalar(ReadOnlySpan<char> text) => Classify(text, out long i, out double f, out bool b) switch
    {
        Kind.Null => Value.Null,
        Kind.Int => Value.FromInt(i),
        Kind.Float => Value.FromFloat(f),
        Kind.Bool => Value.FromBool(b),
        _ => Value.FromString(text.ToString()),
    };

    /// <summary>Infers one text cell straight into a column; a Str allocates only the first time a distinct string is seen.</summary>
    public static void AppendInferred(ColumnBuilder column, ReadOnlySpan<char> text)
    {
        switch (Classify(text, out long i, out double f, out bool b))
        {
            case Kind.Null:
                column.AppendNull();
                break;
            case Kind.Int:
                column.AppendInt(i);
                break;
            case Kind.Float:
                column.AppendFloat(f);
                break;
            case Kind.Bool:
                column.AppendBool(b);
                break;
            default:
                column.AppendString(text);
                break;
        }
    }

    /// <summary>Infers one UTF-8 text cell straight into a column; a Str decodes only the first time a distinct string is seen.</summary>
    public static void AppendInferred(ColumnBuilder column, ReadOnlySpan<byte> utf8)
    {
        switch (Classify(utf8, out long i, out double f, out bool b))
        {
            case Kind.Null:
                column.AppendNull();
                break;
            case Kind.Int:
                column.AppendInt(i);
                break;
            case Kind.Float:
                column.AppendFloat(f);
                break;
            case Kind.Bool:
                column.AppendBool(b);
                break;
            default:
                column.AppendString(utf8);
                break;
        }
    }

    /// <summary>
    /// The fused fast path for delimited text: scans the field at <paramref name="pos"/> (up to <paramref name="delimiter"/>,
    /// <c>\n</c>, <c>\r</c> or the end) and, when it is a plain decimal that <see cref="AppendInferred(ColumnBuilder, ReadOnlySpan{byte})"/>
    /// would type as Int (≤ 18 significant digits) or Float by the exact Clinger path (≤ 15 significant digits, ≤ 22
    /// decimals, no exponent), appends exactly that cell and returns the field's end. Otherwise appends nothing and
    /// returns -1 (the general path then reads the field): the result is bit-identical either way.
    /// </summary>
    public static int TryAppendPlainNumber(ColumnBuilder column, ReadOnlySpan<byte> text, int pos, byte delimiter)
    {
        int i = pos;
        bool negative = false;
        if (i < text.Length && (text[i] == (byte)'-' || text[i] == (byte)'+'))
        {
            negative = text[i] == (byte)'-';
            i++;
        }

        ulong mantissa = 0;
        int significant = 0;
        int digits = 0;
        int fraction = -1;
        for (; i < text.Length; i++)
        {
            byte b = text[i];
            uint d = (uint)(b - '0');
            if (d <= 9)
            {
                if (mantissa != 0 || d != 0)
                {
                    if (++significant > 18)
                    {
                        return -1;
                    }
                }

                mantissa = (mantissa * 10) + d;
                digits++;
                if (fraction >= 0)
                {
                    fraction++;
                }

                continue;
            }

            if (b == (byte)'.' && fraction < 0)
            {
                fraction = 0;
                continue;
            }

            if (b == delimiter || b == (byte)'\n' || b == (byte)'\r')
            {
                break;
            }

            return -1;
        }

        if (digits == 0)
        {
            return -1;
        }

        if (fraction < 0)
        {
            column.AppendInt(negative ? -(long)mantissa : (long)mantissa);
            return i;
        }

        if (significant > 15 || fraction > 22)
        {
            return -1;
        }

        double v = fraction > 0 ? mantissa / PowersOfTen[fraction] : mantissa;
        column.AppendFloat(negative ? -v : v);
        return i;
    }

    /// <summary>Infers one UTF-8 text cell (valid UTF-8). Allocates only for a Str result.</summary>
    public static Value InferScalar(ReadOnlySpan<byte> utf8) => Classify(utf8, out long i, out double f, out bool b) switch
    {
        Kind.Null => Value.Null,
        Kind.Int => Value.FromInt(i),
        Kind.Float => Value.FromFloat(f),
        Kind.Bool => Value.FromBool(b),
        _ => Value.FromString(System.Text.Encoding.UTF8.GetString(utf8)),
    };

    /// <summary>Rust <c>str::parse::&lt;i64&gt;</c>: optional sign, ASCII digits, in range.</summary>
    public static bool TryParseRustInt(ReadOnlySpan<char> s, out long value) => TryParseRustInt<char>(s, out value);

    /// <summary>The same over UTF-8 bytes.</summary>
    public static bool TryParseRustInt(ReadOnlySpan<byte> s, out long value) => TryParseRustInt<byte>(s, out value);

    /// <summary>Rust <c>str::parse::&lt;f64&gt;</c> restricted to finite results (see the char overload).</summary>
    public static bool TryParseRustFiniteFloat(ReadOnlySpan<byte> s, out double value) => TryParseRustFiniteFloat<byte>(s, out value);

    /// <summary>
    /// Rust <c>str::parse::&lt;f64&gt;</c> restricted to finite results: <c>[+-]? (d+ [. d*] | . d+) ([eE] [+-]? d+)?</c>.
    /// inf/nan spellings are rejected (they are non-finite, so inference keeps them as Str).
    /// </summary>
    public static bool TryParseRustFiniteFloat(ReadOnlySpan<char> s, out double value) => TryParseRustFiniteFloat<char>(s, out value);

    private static int At<T>(ReadOnlySpan<T> s, int i)
        where T : unmanaged, IBinaryInteger<T> => int.CreateTruncating(s[i]);

    private static bool IsDigitAt<T>(ReadOnlySpan<T> s, int i)
        where T : unmanaged, IBinaryInteger<T> => (uint)(At(s, i) - '0') <= 9;

    private static bool TryParseRustInt<T>(ReadOnlySpan<T> s, out long value)
        where T : unmanaged, IBinaryInteger<T>
    {
        value = 0;
        int i = 0;
        bool negative = false;
        if (s.Length > 0 && (At(s, 0) == '+' || At(s, 0) == '-'))
        {
            negative = At(s, 0) == '-';
            i = 1;
        }

        if (i == s.Length)
        {
            return false;
        }

        ulong magnitude = 0;
        for (; i < s.Length; i++)
        {
            uint d = (uint)(At(s, i) - '0');
            if (d > 9 || magnitude > (ulong.MaxValue - d) / 10)
            {
                return false;
            }

            magnitude = (magnitude * 10) + d;
        }

        if (negative)
        {
            if (magnitude > 9223372036854775808UL)
            {
                return false;
            }

            value = unchecked(-(long)magnitude);
            return true;
        }

        if (magnitude > long.MaxValue)
        {
            return false;
        }

        value = (long)magnitude;
        return true;
    }

    private static bool TryParseRustFiniteFloat<T>(ReadOnlySpan<T> s, out double value)
        where T : unmanaged, IBinaryInteger<T>
    {
        value = 0;
        int i = 0;
        if (s.Length > 0 && (At(s, 0) == '+' || At(s, 0) == '-'))
        {
            i = 1;
        }

        int intDigits = 0;
        while (i < s.Length && IsDigitAt(s, i))
        {
            i++;
            intDigits++;
        }

        int fracDigits = 0;
        if (i < s.Length && At(s, i) == '.')
        {
            i++;
            while (i < s.Length && IsDigitAt(s, i))
            {
                i++;
                fracDigits++;
            }
        }

        if (intDigits + fracDigits == 0)
        {
            return false;
        }

        if (i < s.Length && (At(s, i) == 'e' || At(s, i) == 'E'))
        {
            i++;
            if (i < s.Length && (At(s, i) == '+' || At(s, i) == '-'))
            {
                i++;
            }

            int expDigits = 0;
            while (i < s.Length && IsDigitAt(s, i))
            {
                i++;
                expDigits++;
            }

            if (expDigits == 0)
            {
                return false;
            }
        }

        if (i != s.Length)
        {
            return false;
        }

        if (TryFastDecimal(s, out value))
        {
            return true;
        }

        double parsed;
        bool ok = typeof(T) == typeof(byte)
            ? double.TryParse(MemoryMarshal.Cast<T, byte>(s), NumberStyles.Float, CultureInfo.InvariantCulture, out parsed)
            : double.TryParse(MemoryMarshal.Cast<T, char>(s), NumberStyles.Float, CultureInfo.InvariantCulture, out parsed);
        if (!ok || !double.IsFinite(parsed))
        {
            return false;
        }

        value = parsed;
        return true;
    }

    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>
    /// Clinger's fast path for already-validated plain decimals (no exponent, ≤ 15 significant digits): the digits and
    /// the power of ten are exact doubles, so one IEEE division gives the correctly rounded result that a full parse
    /// would. Anything else goes to the general parser.
    /// </summary>
    private static bool TryFastDecimal<T>(ReadOnlySpan<T> s, out double value)
        where T : unmanaged, IBinaryInteger<T>
    {
        value = 0;
        int i = 0;
        bool negative = false;
        if (At(s, 0) == '+' || At(s, 0) == '-')
        {
            negative = At(s, 0) == '-';
            i = 1;
        }

        long mantissa = 0;
        int digits = 0;
        int fraction = -1;
        for (; i < s.Length; i++)
        {
            int c = At(s, i);
            if (c == '.')
            {
                fraction = 0;
                continue;
            }

            if ((uint)(c - '0') > 9)
            {
                return false; // exponent form
            }

            if (mantissa != 0 || c != '0')
            {
                digits++;
            }

            if (digits > 15)
            {
                return false;
            }

            mantissa = (mantissa * 10) + (c - '0');
            if (fraction >= 0)
            {
                fraction++;
            }
        }

        if (fraction > 22)
        {
            return false;
        }

        double v = fraction > 0 ? mantissa / PowersOfTen[fraction] : mantissa;
        value = negative ? -v : v;
        return true;
    }

    private static Kind Classify(ReadOnlySpan<byte> s, out long i, out double f, out bool b)
    {
        i = 0;
        f = 0;
        b = false;
        if (s.IsEmpty)
        {
            return Kind.Null;
        }

        byte c = s[0];
        if ((uint)(c - '0') <= 9 || c == '+' || c == '-' || c == '.')
        {
            if (TryParseRustInt<byte>(s, out i))
            {
                return Kind.Int;
            }

            return TryParseRustFiniteFloat<byte>(s, out f) ? Kind.Float : Kind.Str;
        }

        if (s.Length == 4 && (s.SequenceEqual("true"u8) || s.SequenceEqual("TRUE"u8) || s.SequenceEqual("True"u8)))
        {
            b = true;
            return Kind.Bool;
        }

        return s.Length == 5 && (s.SequenceEqual("false"u8) || s.SequenceEqual("FALSE"u8) || s.SequenceEqual("False"u8)) ? Kind.Bool : Kind.Str;
    }

    private static Kind Classify(ReadOnlySpan<char> s, out long i, out double f, out bool b)
    {
        i = 0;
        f = 0;
        b = false;
        if (s.IsEmpty)
        {
            return Kind.Null;
        }

        char c = s[0];
        if (char.IsAsciiDigit(c) || c == '+' || c == '-' || c == '.')
        {
            if (TryParseRustInt(s, out i))
            {
                return Kind.Int;
            }

            if (TryParseRustFiniteFloat(s, out f))
            {
                return Kind.Float;
            }

            return Kind.Str;
        }

        if (s.Length == 4 && (s.SequenceEqual("true") || s.SequenceEqual("TRUE") || s.SequenceEqual("True")))
        {
            b = true;
            return Kind.Bool;
        }

        if (s.Length == 5 && (s.SequenceEqual("false") || s.SequenceEqual("FALSE") || s.SequenceEqual("False")))
        {
            return Kind.Bool;
        }

        return Kind.Str;
    }
}
