using Vigil.Core.Values;

namespace Vigil.Detection.Statistics;

/// <summary>Benjamini–Hochberg false-discovery-rate control (reference §4.0, <c>fdr.rs</c>).</summary>
internal static class BenjaminiHochberg
{
    /// <summary>
    /// The rejection cutoff at level <paramref name="q"/>: the largest sorted p-value p₍k₎ with p₍k₎ ≤ (k/m)·q,
    /// or null when none qualifies (or there are no p-values). A test is rejected iff its p ≤ the cutoff.
    /// </summary>
    public static double? Cutoff(ReadOnlySpan<double> pValues, double q)
    {
        int m = pValues.Length;
        if (m == 0)
        {
            return null;
        }

        double[] sorted = TotalOrder.SortedCopy(pValues);
        double? cutoff = null;
        for (int k = 1; k <= m; k++)
        {
            double p = sorted[k - 1];
            if (p <= (double)k / m * q)
            {
                cutoff = p;
            }
        }

        return cutoff;
    }
}
