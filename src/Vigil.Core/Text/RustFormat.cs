namespace Vigil.Core.Text;

/// <summary>
/// Number formatting that reproduces the reference's Rust format specifiers byte for byte (reference §2.11):
/// exact-value rounding with ties to even, which .NET's "F"/"E" formats do not give.
/// </summary>
public static class RustFormat
{
    /// <summary>Rust <c>{:.N}</c>: fixed point with <paramref name="decimals"/> digits, ties-to-even on the exact binary value.</summary>
    public static string Fixed(double value, int decimals) => throw new NotImplementedException();

    /// <summary>Rust <c>{:e}</c>: shortest round-trip digits, <c>d[.ddd]e&lt;exp&gt;</c>, no '+', no padding (e.g. <c>1e-9</c>, <c>1.5e-10</c>, <c>1e2</c>, <c>0e0</c>).</summary>
    public static string Exp(double value) => throw new NotImplementedException();

    /// <summary>Rust <c>{:.Ne}</c>: N decimals of mantissa, ties-to-even, carry-adjusted exponent without '+' (e.g. <c>4.652e-4</c>).</summary>
    public static string ExpFixed(double value, int decimals) => throw new NotImplementedException();

    /// <summary>Rust <c>{:?}</c> of an f64: shortest digits, <c>1.0</c> for integral values, exponent form outside ~1e-4..1e16.</summary>
    public static string Debug(double value) => throw new NotImplementedException();
}
