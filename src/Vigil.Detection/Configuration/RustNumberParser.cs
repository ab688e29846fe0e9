using System.Globalization;

namespace Vigil.Detection.Configuration;

/// <summary>
/// Number parsing with Rust's <c>str::parse</c> grammar, which the contract's flags and <c>--set</c> follow:
/// no surrounding whitespace, no thousands separators, <c>inf</c>/<c>infinity</c>/<c>nan</c> accepted for floats.
/// </summary>
public static class RustNumberParser
{
    /// <summary><c>str::parse::&lt;f64&gt;</c>: <c>[+-]</c> then <c>inf</c>, <c>infinity</c>, <c>nan</c> (any case) or
    /// <c>digits[.digits][(e|E)[+-]digits]</c> with at least one mantissa digit; correctly rounded.</summary>
    public static bool TryParseF64(string text, out double value)
    {
        value = 0;
        ReadOnlySpan<char> s = text;
        if (s.IsEmpty)
        {
            return false;
        }

        bool negative = false;
        ReadOnlySpan<char> body = s;
        if (body[0] is '+' or '-')
        {
            negative = body[0] == '-';
            body = body[1..];
        }

        if (body.Equals("inf", StringComparison.OrdinalIgnoreCase) || body.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        if (body.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }

        int i = 0, mantissaDigits = 0;
        while (i < body.Length && char.IsAsciiDigit(body[i]))
        {
            i++;
            mantissaDigits++;
        }

        if (i < body.Length && body[i] == '.')
        {
            i++;
            while (i < body.Length && char.IsAsciiDigit(body[i]))
            {
                i++;
                mantissaDigits++;
            }
        }

        if (mantissaDigits == 0)
        {
            return false;
        }

        if (i < body.Length && body[i] is 'e' or 'E')
        {
            i++;
            if (i < body.Length && body[i] is '+' or '-')
            {
                i++;
            }

            int expDigits = 0;
            while (i < body.Length && char.IsAsciiDigit(body[i]))
            {
                i++;
                expDigits++;
            }

            if (expDigits == 0)
            {
                return false;
            }
        }

        if (i != body.Length)
        {
            return false;
        }

        // The grammar is checked above; .NET's parser is correctly rounded like Rust's. Huge exponents overflow to
        // ±Inf or underflow to 0 in both.
        value = double.Parse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary><c>str::parse::&lt;i64&gt;</c>: optional <c>+</c>/<c>-</c>, then ASCII digits, in range.</summary>
    public static bool TryParseI64(string text, out long value)
    {
        value = 0;
        ReadOnlySpan<char> s = text;
        ReadOnlySpan<char> digits = s.Length > 0 && s[0] is '+' or '-' ? s[1..] : s;
        if (digits.IsEmpty || !AllDigits(digits))
        {
            return false;
        }

        return long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary><c>str::parse::&lt;usize&gt;</c> on a 64-bit target: optional <c>+</c>, then ASCII digits, in range.</summary>
    public static bool TryParseUsize(string text, out ulong value)
    {
        value = 0;
        ReadOnlySpan<char> s = text;
        ReadOnlySpan<char> digits = s.Length > 0 && s[0] == '+' ? s[1..] : s;
        if (digits.IsEmpty || !AllDigits(digits))
        {
            return false;
        }

        return ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static bool AllDigits(ReadOnlySpan<char> s)
    {
        foreach (char c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
