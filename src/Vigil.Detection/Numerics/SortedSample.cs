using Vigil.Core.Numerics;
using Vigil.Core.Values;

namespace Vigil.Detection.Numerics;

/// <summary>
/// A sample sorted once by total order, so every deterministic reduction (<see cref="Det"/>'s <c>*Sorted</c> forms)
/// reuses the one sort; cached per column by the scan context.
/// </summary>
internal readonly struct SortedSample
{
    private readonly double[] _sorted;

    private SortedSample(double[] sorted) => _sorted = sorted;

    public int Count => _sorted.Length;

    public ReadOnlySpan<double> Values => _sorted;

    /// <summary>Sorts a copy of <paramref name="values"/>.</summary>
    public static SortedSample Of(ReadOnlySpan<double> values) => new(TotalOrder.SortedCopy(values));

    /// <summary>Takes ownership of <paramref name="values"/> and sorts it in place.</summary>
    public static SortedSample Adopt(double[] values)
    {
        TotalOrder.Sort(values);
        return new SortedSample(values);
    }

    /// <summary><c>det_sum</c>.</summary>
    public double Sum() => Det.SumSorted(_sorted);

    /// <summary><c>det::mean</c>; null when empty.</summary>
    public double? Mean() => _sorted.Length == 0 ? null : Sum() / _sorted.Length;

    public double? Quantile(double q) => _sorted.Length == 0 ? null : Det.QuantileSorted(_sorted, q);

    public double? Median() => Quantile(0.5);

    /// <summary><c>det::mad</c>: 1.4826 · median(|x − median|); null when empty.</summary>
    public double? Mad() => Det.MadSorted(_sorted);

    /// <summary><c>det::variance</c> (Bessel-corrected); null for fewer than 2 values.</summary>
    public double? Variance() => Det.VarianceSorted(_sorted);

    public double? StdDev() => Variance() is double v ? Math.Sqrt(v) : null;
}
