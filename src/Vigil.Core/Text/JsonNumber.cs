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
}
