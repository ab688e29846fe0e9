using Vigil.Core.Numerics;
using Vigil.Core.Values;

namespace Vigil.Detection.Numerics;

/// <summary>
/// A sample sorted by total order, for the two-sample statistics that walk both samples in order (KS, PSI edges);
/// everything else uses selection and exact sums on the unsorted values (<see cref="ColumnProfile"/>).
/// </summary>
internal readonly struct SortedSample
{
    private readonly double[] _sorted;

    private SortedSample(double[] sorted) => _sorted = sorted;

    public int Count => _sorted.Length;

    public ReadOnlySpan<double> Values => _sorted;

    /// <summary>Sorts a copy of <paramref name="values"/>.</summary>
    public static SortedSample Of(ReadOnlySpan<double> values) => new(TotalOrder.SortedCopy(values));

    /// <summary>Type-7 quantile; null when empty.</summary>
    public double? Quantile(double q) => _sorted.Length == 0 ? null : Det.QuantileSorted(_sorted, q);
}
