using System.Runtime.CompilerServices;
using Vigil.Core.Values;

namespace Vigil.Core.Numerics;

/// <summary>
/// Deterministic reductions (reference §2.10). Results are bit-exact and independent of input order:
/// sums sort by IEEE total order, then use Neumaier compensation.
/// </summary>
public static class Det
{
    /// <summary>Sorted Neumaier sum; 0 for empty input. Does not modify <paramref name="values"/>.</summary>
    public static double Sum(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            return 0.0;
        }

        return SumInPlace(values.ToArray());
    }

    /// <summary>
    /// <see cref="Sum"/> over a scratch span the caller lets it reorder (sorted on return): no allocation, for
    /// per-row reductions.
    /// </summary>
    public static double SumInPlace(Span<double> scratch)
    {
        TotalOrder.Sort(scratch);
        return SumSorted(scratch);
    }

    /// <summary>Neumaier sum of already-sorted values (callers that sorted once reuse it).</summary>
    public static double SumSorted(ReadOnlySpan<double> sorted)
    {
        double sum = 0.0, comp = 0.0;
        foreach (double x in sorted)
        {
            double t = sum + x;
            if (Math.Abs(sum) >= Math.Abs(x))
            {
                comp += (sum - t) + x;
            }
            else
            {
                comp += (x - t) + sum;
            }

            sum = t;
        }

        return sum + comp;
    }

    /// <summary>Sum / n; null for empty input.</summary>
    public static double? Mean(ReadOnlySpan<double> values) => values.IsEmpty ? null : Sum(values) / values.Length;

    /// <summary>Bessel-corrected variance from the deterministic mean and a deterministic sum of squares; null for n &lt; 2.</summary>
    public static double? Variance(ReadOnlySpan<double> values) =>
        values.Length < 2 ? null : VarianceSorted(TotalOrder.SortedCopy(values));

    /// <summary><see cref="Variance"/> of values already sorted by total order (callers that sorted once reuse it).</summary>
    public static double? VarianceSorted(ReadOnlySpan<double> sorted)
    {
        if (sorted.Length < 2)
        {
            return null;
        }

        double m = SumSorted(sorted) / sorted.Length;
        return SumSorted(SortedDeviations(sorted, m, square: true)) / (sorted.Length - 1);
    }

    public static double? StdDev(ReadOnlySpan<double> values) => Variance(values) is double v ? Math.Sqrt(v) : null;

    /// <summary>Type-7 quantile (NumPy default) over a total-order sort; null for empty input.</summary>
    public static double? Quantile(ReadOnlySpan<double> values, double q)
    {
        if (values.IsEmpty)
        {
            return null;
        }

        return QuantileSorted(TotalOrder.SortedCopy(values), q);
    }

    /// <summary>Type-7 quantile of already-sorted, non-empty values.</summary>
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
    public static double? Mad(ReadOnlySpan<double> values) => values.IsEmpty ? null : MadSorted(TotalOrder.SortedCopy(values));

    /// <summary><see cref="Mad"/> of values already sorted by total order; null for empty input.</summary>
    public static double? MadSorted(ReadOnlySpan<double> sorted)
    {
        if (sorted.IsEmpty)
        {
            return null;
        }

        double med = QuantileSorted(sorted, 0.5);
        return 1.4826 * QuantileSorted(SortedDeviations(sorted, med, square: false), 0.5);
    }

    // |x − c| (or (x − c)²) for every value, in total order, without a second sort when everything is finite:
    // x − c is monotone in x, so the values below c give a descending run and the rest an ascending one, and
    // merging the two runs sorts them. Neither Abs nor squaring yields −0 or NaN here, so numeric order is total
    // order and equal values are equal bits. Non-finite inputs take the plain compute-then-sort path.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double[] SortedDeviations(ReadOnlySpan<double> sorted, double c, bool square)
    {
        int n = sorted.Length;
        var result = new double[n];
        if (!double.IsFinite(c) || !double.IsFinite(sorted[0]) || !double.IsFinite(sorted[n - 1]))
        {
            for (int i = 0; i < n; i++)
            {
                result[i] = Deviation(sorted[i], c, square);
            }

            TotalOrder.Sort(result);
            return result;
        }

        int split = 0;
        while (split < n && sorted[split] - c < 0)
        {
            split++;
        }

        int left = split - 1, right = split, k = 0;
        while (left >= 0 && right < n)
        {
            double a = Deviation(sorted[left], c, square);
            double b = Deviation(sorted[right], c, square);
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
            result[k++] = Deviation(sorted[left--], c, square);
        }

        while (right < n)
        {
            result[k++] = Deviation(sorted[right++], c, square);
        }

        return result;
    }

    private static double Deviation(double x, double c, bool square)
    {
        double d = x - c;
        return square ? d * d : Math.Abs(d);
    }
}
