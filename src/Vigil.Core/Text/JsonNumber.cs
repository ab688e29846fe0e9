namespace Vigil.Core.Text;

/// <summary>JSON float rendering of the contract (serde_json/zmij, reference §2.11 item 1).</summary>
public static class JsonNumber
{
    /// <summary>
    /// Shortest round-trip digits; fixed notation for decimal exponents −5..15 (integral values get ".0"), else
    /// <c>d[.ddd]e±X</c>. Non-finite values have no JSON form and render as <c>null</c>.
    /// </summary>
    public static string Format(double value)
    {
        if (!double.IsFinite(value))
        {
            return "null";
        }

        string sign = double.IsNegative(value) ? "-" : string.Empty;
        if (value == 0)
        {
            return sign + "0.0";
        }

        ShortestDecimal.Get(value, out string digits, out int exponent);
        return sign + (exponent is >= -5 and <= 15
            ? ShortestDecimal.Positional(digits, exponent)
            : ShortestDecimal.Scientific(digits, exponent, plusSign: true));
    }

    /// <summary>
    /// <see cref="Format"/> straight to UTF-8 when .NET's shortest round-trip text is already the contract's
    /// positional form: the same shortest digits ("R"), so positional text inside the contract's exponent range
    /// is the same layout, short only the ".0" of integral values.
    /// False when the value needs the general path.
    /// </summary>
    public static bool TryWritePositional(double value, Span<byte> destination, out int written)
    {
        written = 0;
        if (!double.IsFinite(value) || destination.Length < 32
            || !value.TryFormat(destination, out int n, "R", System.Globalization.CultureInfo.InvariantCulture))
        {
            return false;
        }

        ReadOnlySpan<byte> text = destination[..n];
        if (text.IndexOfAny((byte)'E', (byte)'e') >= 0)
        {
            return false;
        }

        // The contract's fixed range is decimal exponent −5..15; .NET's positional range is wider.
        ReadOnlySpan<byte> magnitude = text[0] == (byte)'-' ? text[1..] : text;
        int point = magnitude.IndexOf((byte)'.');
        if (magnitude.StartsWith("0."u8))
        {
            int zeros = magnitude[2..].IndexOfAnyExcept((byte)'0');
            if (zeros > 4)
            {
                return false;
            }
        }
        else if ((point < 0 ? magnitude.Length : point) > 16)
        {
            return false;
        }

        if (point < 0)
        {
            destination[n++] = (byte)'.';
            destination[n++] = (byte)'0';
        }

        written = n;
        return true;
    }
}
