namespace Vigil.Core.Numerics;

/// <summary>
/// Deterministic reductions (reference §2.10), bit-exact and independent of input order. Sums are exact and rounded
/// once (<see cref="ExactSum"/>) where the reference sorts and compensates — a deliberate improvement: at least as
/// accurate, no sort, mergeable. Quantiles are the reference's total-order order statistics, found by selection
/// (<see cref="OrderStatistics"/>) instead of a sort. No method modifies its input.
/// </summary>
public static class Det
{
    /// <summary>Correctly rounded exact sum; 0 for empty input; NaN if any value is non-finite.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static double Sum(ReadOnlySpan<double> values) => ExactSum.Of(values);

    /// <summary>Sum / n; null for empty input.</summary>
    public static double? Mean(ReadOnlySpan<double> values) => values.IsEmpty ? null : Sum(values) / values.Length;

    /// <summary>Bessel-corrected variance: the exact sum of the individually rounded (x − mean)², over n − 1; null for n &lt; 2.</summary>
    public static double? Variance(ReadOnlySpan<double> values)
    {
        if (values.Length < 2)
        {
            return null;
        }

        return VarianceAbout(values, Sum(values) / values.Length);
    }

    /// <summary><see cref="Variance"/> given the sample's mean (callers that already have it skip one pass).</summary>
    public static double VarianceAbout(ReadOnlySpan<double> values, double mean)
    {
        var squares = new ExactSum();
        squares.AddSquaredDeviations(values, mean);
        return squares.Result() / (values.Length - 1);
    }

    public static double? StdDev(ReadOnlySpan<double> values) => Variance(values) is double v ? Math.Sqrt(v) : null;

    /// <summary>Type-7 quantile (NumPy default) by total order; null for empty input.</summary>
    public static double? Quantile(ReadOnlySpan<double> values, double q) =>
        OrderStatistics.Quantile(values, q, default(OrderStatistics.Identity));

    /// <summary>Type-7 quantile of values already sorted by total order, non-empty.</summary>
    public static double QuantileSorted(ReadOnlySpan<double> sorted, double q)
    {
        q = Math.Clamp(q, 0.0, 1.0);
        if (sorted.Length == 1)
        {
            return sorted[0];
        }

        double pos = q * (sorted.Length - 1);
        int lo = (int)Math.Floor(pos);
        int hi = (int)Math.Ceiling(pos);
        if (lo == hi)
        {
            return sorted[lo];
        }

        double f = pos - lo;
        return (sorted[lo] * (1 - f)) + (sorted[hi] * f);
    }

    public static double? Median(ReadOnlySpan<double> values) => Quantile(values, 0.5);

    /// <summary>1.4826 · median(|x − median|): already scaled to a σ-consistent estimate; null for empty input.</summary>
    public static double? Mad(ReadOnlySpan<double> values) =>
        Median(values) is double med ? MadAbout(values, med) : null;

    /// <summary><see cref="Mad"/> given the sample's median, non-empty.</summary>
    public static double MadAbout(ReadOnlySpan<double> values, double median) =>
        1.4826 * OrderStatistics.Quantile(values, 0.5, new OrderStatistics.AbsoluteDeviation(median))!.Value;
}
