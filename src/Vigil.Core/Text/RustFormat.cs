using System.Numerics;

namespace Vigil.Core.Text;

/// <summary>
/// Number formatting that reproduces the reference's Rust format specifiers byte for byte (reference §2.11):
/// exact-value rounding with ties to even, which .NET's "F"/"E" formats do not give.
/// </summary>
public static class RustFormat
{
    /// <summary>Rust <c>{:.N}</c>: fixed point with <paramref name="decimals"/> digits, ties-to-even on the exact binary value.</summary>
    public static string Fixed(double value, int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        if (!double.IsFinite(value))
        {
            return NonFinite(value);
        }

        if (FixedFast(value, decimals) is string fast)
        {
            return fast;
        }

        return FixedExact(value, decimals);
    }

    /// <summary>The reference implementation of <see cref="Fixed"/>: exact decimal digits, then string rounding.</summary>
    internal static string FixedExact(double value, int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        if (!double.IsFinite(value))
        {
            return NonFinite(value);
        }

        ExactDecimal.Decompose(Math.Abs(value), out string digits, out int scale);
        // digits / 10^scale is the exact value; keep every digit down to the 10^-decimals place.
        int keep = digits.Length - scale + decimals;
        string units = keep >= digits.Length
            ? digits + new string('0', keep - digits.Length)
            : DecimalDigits.RoundHalfEven(digits, keep);

        var sb = new System.Text.StringBuilder(units.Length + 3);
        if (double.IsNegative(value))
        {
            sb.Append('-');
        }

        if (units.Length <= decimals)
        {
            units = new string('0', decimals + 1 - units.Length) + units;
        }

        sb.Append(units, 0, units.Length - decimals);
        if (decimals > 0)
        {
            sb.Append('.').Append(units, units.Length - decimals, decimals);
        }

        return sb.ToString();
    }

    /// <summary>Rust <c>{:e}</c>: shortest round-trip digits, <c>d[.ddd]e&lt;exp&gt;</c>, no '+', no padding (e.g. <c>1e-9</c>, <c>1.5e-10</c>, <c>1e2</c>, <c>0e0</c>).</summary>
    public static string Exp(double value)
    {
        if (!double.IsFinite(value))
        {
            return NonFinite(value);
        }

        string sign = double.IsNegative(value) ? "-" : string.Empty;
        if (value == 0)
        {
            return sign + "0e0";
        }

        ShortestDecimal.Get(value, out string digits, out int exponent);
        return sign + ShortestDecimal.Scientific(digits, exponent, plusSign: false);
    }

    /// <summary>Rust <c>{:.Ne}</c>: N decimals of mantissa, ties-to-even, carry-adjusted exponent without '+' (e.g. <c>4.652e-4</c>).</summary>
    public static string ExpFixed(double value, int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        return ExpFixedFast(value, decimals) ?? ExpFixedExact(value, decimals);
    }

    /// <summary>
    /// .NET's "E" format rounds the exact binary value correctly and differs from Rust only on exact ties (it
    /// rounds them away from zero). A tie needs an exact expansion of at most decimals+2 significant digits;
    /// m/2^s with m odd has a last digit 5 and at least 0.69·s significant digits (m·5^s), so for s above 31
    /// and at most 20 decimals no tie exists and only the layout needs rewriting. Null otherwise.
    /// </summary>
    internal static string? ExpFixedFast(double value, int decimals)
    {
        if (decimals > 20 || !double.IsFinite(value) || value == 0)
        {
            return null;
        }

        ExactDecimal.Split(value, out ulong mantissa, out int exp2);

        int s = -(exp2 + BitOperations.TrailingZeroCount(mantissa));
        if (s <= 31)
        {
            return null;
        }

        Span<char> text = stackalloc char[48];
        Span<char> format = stackalloc char[3];
        format[0] = 'E';
        decimals.TryFormat(format[1..], out int fw, default, System.Globalization.CultureInfo.InvariantCulture);
        if (!value.TryFormat(text, out int n, format[..(1 + fw)], System.Globalization.CultureInfo.InvariantCulture))
        {
            return null;
        }

        int e = text[..n].IndexOf('E');
        int exponent = int.Parse(text[(e + 1)..n], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture);
        Span<char> result = stackalloc char[48];
        text[..e].CopyTo(result);
        int pos = e;
        result[pos++] = 'e';
        exponent.TryFormat(result[pos..], out int ew, default, System.Globalization.CultureInfo.InvariantCulture);
        return new string(result[..(pos + ew)]);
    }

    /// <summary>The reference implementation of <see cref="ExpFixed"/>: exact decimal digits, then string rounding.</summary>
    internal static string ExpFixedExact(double value, int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        if (!double.IsFinite(value))
        {
            return NonFinite(value);
        }

        string sign = double.IsNegative(value) ? "-" : string.Empty;
        string mantissa;
        int exponent;
        if (value == 0)
        {
            mantissa = new string('0', decimals + 1);
            exponent = 0;
        }
        else
        {
            ExactDecimal.Decompose(Math.Abs(value), out string digits, out int scale);
            exponent = digits.Length - 1 - scale;
            int significant = decimals + 1;
            if (digits.Length <= significant)
            {
                mantissa = digits + new string('0', significant - digits.Length);
            }
            else
            {
                mantissa = DecimalDigits.RoundHalfEven(digits, significant);
                if (mantissa.Length > significant)
                {
                    // 9.995 → 10.00: the carry moved the leading digit one decade up.
                    mantissa = mantissa[..significant];
                    exponent++;
                }
            }
        }

        string fraction = decimals > 0 ? "." + mantissa[1..] : string.Empty;
        return string.Concat(sign, mantissa[..1], fraction, "e" + exponent.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Rust <c>{:?}</c> of an f64: shortest digits, <c>1.0</c> for integral values, exponent form outside 1e-4 ≤ |x| &lt; 1e16.</summary>
    public static string Debug(double value)
    {
        if (!double.IsFinite(value))
        {
            return NonFinite(value);
        }

        string sign = double.IsNegative(value) ? "-" : string.Empty;
        if (value == 0)
        {
            return sign + "0.0";
        }

        ShortestDecimal.Get(value, out string digits, out int exponent);
        double abs = Math.Abs(value);
        return sign + (abs < 1e-4 || abs >= 1e16
            ? ShortestDecimal.Scientific(digits, exponent, plusSign: false)
            : ShortestDecimal.Positional(digits, exponent));
    }

    /// <summary>
    /// Integer-only <see cref="Fixed"/> for the common case: |value| = m·2^e exactly, so |value|·10^decimals =
    /// m·10^decimals / 2^-e is rounded half to even with one shift and a remainder compare — the same exact
    /// rounding as the digit-string path, without building the expansion. Null when the operands could overflow.
    /// </summary>
    internal static string? FixedFast(double value, int decimals)
    {
        if (decimals > 19)
        {
            return null;
        }

        ExactDecimal.Split(value, out ulong mantissa, out int exp2);

        // 10^19 < 2^64 and mantissa < 2^53: the scaled mantissa stays below 2^117.
        UInt128 scaled = (UInt128)mantissa * Pow10[decimals];
        UInt128 units;
        if (exp2 >= 0)
        {
            if (exp2 > 10)
            {
                return null;
            }

            units = scaled << exp2;
        }
        else
        {
            int shift = -exp2;
            if (shift >= 127)
            {
                // scaled < 2^117 ≤ half a unit: rounds to zero.
                units = 0;
            }
            else
            {
                units = scaled >> shift;
                UInt128 rest = scaled & ((UInt128.One << shift) - 1);
                UInt128 half = UInt128.One << (shift - 1);
                if (rest > half || (rest == half && (units & 1) == 1))
                {
                    units++;
                }
            }
        }

        if (units > ulong.MaxValue)
        {
            return null;
        }

        // Zero-padded on the left so at least one integer digit precedes the point (as the exact path does).
        Span<char> all = stackalloc char[40];
        ((ulong)units).TryFormat(all, out int n, default, System.Globalization.CultureInfo.InvariantCulture);
        int length = Math.Max(n, decimals + 1);
        if (length > n)
        {
            all[..n].CopyTo(all[(length - n)..]);
            all[..(length - n)].Fill('0');
        }

        Span<char> buffer = stackalloc char[48];
        int pos = 0;
        if (double.IsNegative(value))
        {
            buffer[pos++] = '-';
        }

        int intLength = length - decimals;
        all[..intLength].CopyTo(buffer[pos..]);
        pos += intLength;
        if (decimals > 0)
        {
            buffer[pos++] = '.';
            all[intLength..length].CopyTo(buffer[pos..]);
            pos += decimals;
        }

        return new string(buffer[..pos]);
    }

    private static readonly ulong[] Pow10 =
    [
        1UL, 10UL, 100UL, 1_000UL, 10_000UL, 100_000UL, 1_000_000UL, 10_000_000UL, 100_000_000UL, 1_000_000_000UL,
        10_000_000_000UL, 100_000_000_000UL, 1_000_000_000_000UL, 10_000_000_000_000UL, 100_000_000_000_000UL,
        1_000_000_000_000_000UL, 10_000_000_000_000_000UL, 100_000_000_000_000_000UL, 1_000_000_000_000_000_000UL,
        10_000_000_000_000_000_000UL,
    ];

    private static string NonFinite(double value) => double.IsNaN(value) ? "NaN" : value > 0 ? "inf" : "-inf";
}

/// <summary>The exact decimal expansion of a finite double, which always exists because 2^-k = 5^k / 10^k.</summary>
internal static class ExactDecimal
{
    /// <summary>|value| = mantissa · 2^exp2 exactly (mantissa &lt; 2^53; 0 for zero).</summary>
    public static void Split(double value, out ulong mantissa, out int exp2)
    {
        long bits = BitConverter.DoubleToInt64Bits(value) & long.MaxValue;
        int biased = (int)(bits >> 52);
        mantissa = (ulong)bits & ((1UL << 52) - 1);
        if (biased == 0)
        {
            exp2 = -1074;
        }
        else
        {
            mantissa |= 1UL << 52;
            exp2 = biased - 1075;
        }
    }

    /// <summary>|value| = digits / 10^scale exactly; digits has no leading zeros ("0" for zero).</summary>
    public static void Decompose(double abs, out string digits, out int scale)
    {
        Split(abs, out ulong mantissa, out int exp2);

        if (mantissa == 0)
        {
            digits = "0";
            scale = 0;
            return;
        }

        int tz = BitOperations.TrailingZeroCount(mantissa);
        mantissa >>= tz;
        exp2 += tz;
        if (exp2 >= 0)
        {
            digits = exp2 <= 10
                ? (mantissa << exp2).ToString(System.Globalization.CultureInfo.InvariantCulture)
                : (new BigInteger(mantissa) << exp2).ToString(System.Globalization.CultureInfo.InvariantCulture);
            scale = 0;
            return;
        }

        scale = -exp2;
        // mantissa < 2^53 and 5^scale < 2^75 for scale ≤ 32: the product fits in 128 bits, the common case.
        digits = scale <= 32
            ? ((UInt128)mantissa * Pow5(scale)).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : (mantissa * BigInteger.Pow(5, scale)).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static UInt128 Pow5(int n)
    {
        UInt128 p = 1;
        for (int i = 0; i < n; i++)
        {
            p *= 5;
        }

        return p;
    }
}

/// <summary>Rounding of decimal digit strings.</summary>
internal static class DecimalDigits
{
    /// <summary>
    /// Keeps the first <paramref name="keep"/> digits of <paramref name="digits"/> (an exact value), rounding
    /// half to even on the dropped tail; a carry may lengthen the result by one digit. <paramref name="keep"/>
    /// may be 0 or negative (the whole value is below the kept unit); the result is then "0" or "1".
    /// </summary>
    public static string RoundHalfEven(string digits, int keep)
    {
        if (keep >= digits.Length)
        {
            return digits;
        }

        if (keep < 0)
        {
            // Less than a tenth of the unit: rounds to zero.
            return "0";
        }

        char first = digits[keep];
        bool up;
        if (first > '5')
        {
            up = true;
        }
        else if (first < '5')
        {
            up = false;
        }
        else
        {
            bool rest = digits.AsSpan(keep + 1).ContainsAnyExcept('0');
            // A tie goes to the even neighbour; an empty prefix is 0, which is even.
            up = rest || (keep > 0 && (digits[keep - 1] - '0') % 2 == 1);
        }

        if (!up)
        {
            return keep == 0 ? "0" : digits[..keep];
        }

        if (keep == 0)
        {
            return "1";
        }

        char[] result = digits.ToCharArray(0, keep);
        int i = keep - 1;
        while (i >= 0 && result[i] == '9')
        {
            result[i] = '0';
            i--;
        }

        if (i >= 0)
        {
            result[i]++;
            return new string(result);
        }

        return "1" + new string(result);
    }
}

/// <summary>Shortest round-trip decimal digits of a double and the two layouts built from them.</summary>
internal static class ShortestDecimal
{
    /// <summary>
    /// |value| = 0.d1d2…dn × 10^(exponent+1): <paramref name="digits"/> are the shortest round-trip digits without
    /// leading or trailing zeros, <paramref name="exponent"/> is the decimal exponent of the first digit.
    /// Requires a finite, non-zero value.
    /// </summary>
    public static void Get(double value, out string digits, out int exponent)
    {
        // .NET Core 3.0+ "R" yields the shortest digits that round-trip (closest on ties), like Ryu/zmij.
        Span<char> buffer = stackalloc char[40];
        Math.Abs(value).TryFormat(buffer, out int written, "R", System.Globalization.CultureInfo.InvariantCulture);
        ReadOnlySpan<char> text = buffer[..written];
        int e = text.IndexOfAny('E', 'e');
        int exp10 = 0;
        if (e >= 0)
        {
            exp10 = int.Parse(text[(e + 1)..], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture);
            text = text[..e];
        }

        int point = text.IndexOf('.');
        int intLength = point < 0 ? text.Length : point;
        Span<char> raw = stackalloc char[text.Length];
        int n = 0;
        foreach (char c in text)
        {
            if (c != '.')
            {
                raw[n++] = c;
            }
        }

        ReadOnlySpan<char> d = raw[..n];
        int leading = 0;
        while (leading < d.Length - 1 && d[leading] == '0')
        {
            leading++;
        }

        d = d[leading..];
        d = d.TrimEnd('0');
        digits = d.ToString();
        exponent = intLength - 1 - leading + exp10;
    }

    /// <summary><c>d[.ddd]e[+|-]X</c>; no ".0" on a single digit, no exponent padding.</summary>
    public static string Scientific(string digits, int exponent, bool plusSign)
    {
        string mantissa = digits.Length == 1 ? digits : string.Concat(digits.AsSpan(0, 1), ".", digits.AsSpan(1));
        string expSign = exponent < 0 ? "-" : plusSign ? "+" : string.Empty;
        return string.Concat(mantissa, "e", expSign, Math.Abs(exponent).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Plain positional digits with at least one fractional digit (<c>450.0</c>, <c>0.05</c>).</summary>
    public static string Positional(string digits, int exponent)
    {
        if (exponent < 0)
        {
            return string.Concat("0.", new string('0', -exponent - 1), digits);
        }

        int intLength = exponent + 1;
        if (digits.Length <= intLength)
        {
            return string.Concat(digits, new string('0', intLength - digits.Length), ".0");
        }

        return string.Concat(digits.AsSpan(0, intLength), ".", digits.AsSpan(intLength));
    }
}
