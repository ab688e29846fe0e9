namespace Vigil.Core.Text;

/// <summary>JSON float rendering of the contract (serde_json/zmij, reference §2.11 item 1).</summary>
public static class JsonNumber
{
    /// <summary>Shortest round-trip digits; fixed notation for decimal exponents −5..15 (integral values get ".0"), else <c>d[.ddd]e±X</c>.</summary>
    public static string Format(double value) => throw new NotImplementedException();
}
