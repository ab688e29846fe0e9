using System.Runtime.CompilerServices;
using Vigil.Core.Findings;
using Vigil.Core.Handles;
using Vigil.Core.Numerics;
using Vigil.Core.Text;
using Vigil.Detection.Numerics;
using Vigil.Detection.Statistics;

namespace Vigil.Detection.Detectors;

/// <summary>
/// <c>dist.psi</c> (reference §4.4): population stability index of each shared numeric column over
/// <c>psi_bins</c> baseline-quantile bins, flagged above <c>psi_threshold</c>.
/// </summary>
internal sealed class PsiDriftDetector : DriftDetector
{
    private const double FractionFloor = 1e-4;

    public override string Id => "dist.psi";

    public override AnomalyClass Class => AnomalyClass.Distributional;

    public override ColumnVerdict RunColumn(ScanContext context, int c, DetectionSink sink)
    {
        if (DriftPairs.Pair(context, c) is not var (column, current, baseline))
        {
            return ColumnVerdict.None;
        }

        double threshold = context.Config.PsiThreshold;
        if (Psi(baseline.Sorted, current.Values, context.Config.PsiBins) is double psi && psi > threshold)
        {
            string name = column.Name;
            sink.Add(Finding.Create(
                Id, Class, Handle.ForDist(name), Calibration.FromExceedance(psi, threshold), psi,
                () => $"{name}: PSI={RustFormat.Fixed(psi, 4)} > {RustFormat.Fixed(threshold, 4)} — population shifted"));
        }

        return ColumnVerdict.Eligible;
    }

    /// <summary>PSI of <paramref name="current"/> against <paramref name="baseline"/>; null if bins &lt; 2, the baseline has fewer than <paramref name="bins"/> values, or the current sample is empty.</summary>
    internal static double? Psi(SortedSample baseline, ReadOnlySpan<double> current, ulong bins)
    {
        if (bins < 2 || (ulong)baseline.Count < bins || current.IsEmpty)
        {
            return null;
        }

        int k = (int)bins;
        double[] edges = QuantileEdges(baseline.Values, k);
        long[] baseCounts = BinCounts(baseline.Values, edges);
        long[] curCounts = BinCounts(current, edges);
        var terms = new double[k];
        for (int i = 0; i < k; i++)
        {
            double b = Math.Max((double)baseCounts[i] / baseline.Count, FractionFloor);
            double c = Math.Max((double)curCounts[i] / current.Length, FractionFloor);
            terms[i] = (c - b) * Math.Log(c / b);
        }

        return Det.Sum(terms);
    }

    /// <summary>The <c>bins − 1</c> type-7 quantiles at k/bins of a sorted sample.</summary>
    internal static double[] QuantileEdges(ReadOnlySpan<double> sorted, int bins)
    {
        var edges = new double[bins - 1];
        for (int k = 1; k < bins; k++)
        {
            edges[k - 1] = Det.QuantileSorted(sorted, (double)k / bins);
        }

        return edges;
    }

    /// <summary>Counts per bin, where a value's bin is the number of edges ≤ it (values on an edge go right).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static long[] BinCounts(ReadOnlySpan<double> values, ReadOnlySpan<double> edges)
    {
        var counts = new long[edges.Length + 1];
        foreach (double v in values)
        {
            int bin = 0;
            foreach (double e in edges)
            {
                if (e <= v)
                {
                    bin++;
                }
            }

            counts[bin]++;
        }

        return counts;
    }
}
