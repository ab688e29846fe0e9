using System.Runtime.CompilerServices;
using Vigil.Core.Numerics;

namespace Vigil.Detection.Numerics;

/// <summary>
/// A sample sorted once by total order, with the reference's deterministic reductions (<see cref="Det"/>) computed
/// from it without re-sorting: the median's deviations and the mean's squared deviations are V-shaped over the
/// sorted values, so they are merged into order in linear time. Results are bit-identical to <see cref="Det"/>.
/// </summary>
internal readonly struct SortedSample
{
    private readonly double[] _sorted;

    private SortedSample(double[] sorted) => _sorted = sorted;

    public int Count => _sorted.Length;

    public ReadOnlySpan<double> Values => _sorted;

    /// <summary>Sorts a copy of <paramref name="values"/>.</summary>
    public static SortedSample Of(ReadOnlySpan<double> values) => new(TotalOrderSort.SortedCopy(values));

    /// <summary>Takes ownership of <paramref name="values"/> and sorts it in place.</summary>
    public static SortedSample Adopt(double[] values)
    {
        TotalOrderSort.Sort(values);
        return new SortedSample(values);
    }

    /// <summary><c>det_sum</c>.</summary>
    public double Sum() => Det.SumSorted(_sorted);

    /// <summary><c>det::mean</c>; null when empty.</summary>
    public double? Mean() => _sorted.Length == 0 ? null : Sum() / _sorted.Length;

    public double? Quantile(double q) => _sorted.Length == 0 ? null : Det.QuantileSorted(_sorted, q);

    public double? Median() => Quantile(0.5);

    /// <summary><c>det::mad</c>: 1.4826 · median(|x − median|); null when empty.</summary>
    public double? Mad()
    {
        if (Median() is not double med)
        {
            return null;
        }

        double[] dev = MergeDeviations(med, square: false);
        return 1.4826 * Det.QuantileSorted(dev, 0.5);
    }

    /// <summary><c>det::variance</c> (Bessel-corrected); null for fewer than 2 values.</summary>
    public double? Variance()
    {
        if (_sorted.Length < 2)
        {
            return null;
        }

        double m = Sum() / _sorted.Length;
        double[] squares = MergeDeviations(m, square: true);
        return Det.SumSorted(squares) / (_sorted.Length - 1);
    }

    public double? StdDev() => Variance() is double v ? Math.Sqrt(v) : null;

    // |x − c| (or (x − c)²) for every value, produced in ascending order: x − c is monotone in x, so the values
    // below c give a descending run and the rest an ascending one; merging the two runs sorts them.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double[] MergeDeviations(double c, bool square)
    {
        double[] s = _sorted;
        int n = s.Length;
        var result = new double[n];
        int split = 0;
        while (split < n && s[split] - c < 0)
        {
            split++;
        }

        int left = split - 1, right = split, k = 0;
        while (left >= 0 && right < n)
        {
            double a = Deviation(s[left], c, square);
            double b = Deviation(s[right], c, square);
            if (a <= b)
            {
                result[k++] = a;
                left--;
            }
            else
            {
                result[k++] = b;
                right++;
            }
        }

        while (left >= 0)
        {
            result[k++] = Deviation(s[left--], c, square);
        }

        while (right < n)
        {
            result[k++] = Deviation(s[right++], c, square);
        }

        return result;
    }

    private static double Deviation(double x, double c, bool square)
    {
        double d = x - c;
        return square ? d * d : Math.Abs(d);
    }
}
