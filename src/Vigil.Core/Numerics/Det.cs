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

        double[] sorted = values.ToArray();
        TotalOrder.Sort(sorted);
        return SumSorted(sorted);
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
    public static double? Variance(ReadOnlySpan<double> values)
    {
        if (values.Length < 2)
        {
            return null;
        }

        double m = Sum(values) / values.Length;
        var squares = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            double d = values[i] - m;
            squares[i] = d * d;
        }

        return Sum(squares) / (values.Length - 1);
    }

    public static double? StdDev(ReadOnlySpan<double> values) => Variance(values) is double v ? Math.Sqrt(v) : null;

    /// <summary>Type-7 quantile (NumPy default) over a total-order sort; null for empty input.</summary>
    public static double? Quantile(ReadOnlySpan<double> values, double q)
    {
        if (values.IsEmpty)
        {
            return null;
        }

        double[] sorted = values.ToArray();
        TotalOrder.Sort(sorted);
        return QuantileSorted(sorted, q);
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
    public static double? Mad(ReadOnlySpan<double> values)
    {
        if (Median(values) is not double med)
        {
            return null;
        }

        var dev = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            dev[i] = Math.Abs(values[i] - med);
        }

        return 1.4826 * Median(dev)!.Value;
    }
}
