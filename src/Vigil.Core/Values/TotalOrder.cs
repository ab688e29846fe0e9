namespace Vigil.Core.Values;

/// <summary>IEEE 754 totalOrder for doubles (−NaN &lt; −Inf &lt; … &lt; −0.0 &lt; +0.0 &lt; … &lt; +Inf &lt; +NaN), as Rust's <c>f64::total_cmp</c>.</summary>
public static class TotalOrder
{
    public static int Compare(double a, double b)
    {
        long x = BitConverter.DoubleToInt64Bits(a);
        long y = BitConverter.DoubleToInt64Bits(b);
        // Flip the magnitude bits of negatives so two's-complement order equals total order.
        x ^= (long)((ulong)(x >> 63) >> 1);
        y ^= (long)((ulong)(y >> 63) >> 1);
        return x.CompareTo(y);
    }

    /// <summary>Sorts in place by total order.</summary>
    public static void Sort(Span<double> values) => values.Sort(Compare);
}
