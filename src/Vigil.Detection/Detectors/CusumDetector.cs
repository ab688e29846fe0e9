using System.Runtime.CompilerServices;
using Vigil.Core.Columns;
using Vigil.Core.Findings;
using Vigil.Core.Handles;
using Vigil.Core.Text;
using Vigil.Detection.Numerics;
using Vigil.Detection.Statistics;

namespace Vigil.Detection.Detectors;

/// <summary>
/// <c>coll.cusum</c> (reference §4.8): the single CUSUM change point of each numeric column, flagged when the
/// standardized difference of the means before and after it exceeds <c>coll_threshold</c>.
/// </summary>
internal sealed class CusumDetector : IDetector
{
    public string Id => "coll.cusum";

    public AnomalyClass Class => AnomalyClass.Collective;

    public void Run(ScanContext context, DetectionSink sink)
    {
        double threshold = context.Config.CollThreshold;
        bool applicable = false;
        IReadOnlyList<Column> columns = context.Current.Columns;
        for (int c = 0; c < columns.Count; c++)
        {
            Column column = columns[c];
            if (!column.Type.IsNumeric() || context.IsRoleSkipped(c))
            {
                continue;
            }

            NumericColumn numeric = context.Numeric(column);
            int n = numeric.Count;
            if ((ulong)n < context.Config.CollMinN)
            {
                continue;
            }

            SortedSample sorted = context.Sorted(column);
            if (sorted.Mean() is not double mu || sorted.StdDev() is not double sigma || !(sigma > 0))
            {
                continue;
            }

            applicable = true;
            double[] xs = numeric.Values;
            int m = ChangePoint(xs, mu);
            if (m == 0)
            {
                continue;
            }

            double meanL = SortedSample.Of(xs.AsSpan(0, m)).Mean()!.Value;
            double meanR = SortedSample.Of(xs.AsSpan(m)).Mean()!.Value;
            double shift = StandardizedShift(meanL, meanR, sigma, m, n - m);
            if (shift > threshold)
            {
                int start = numeric.Rows[m];
                int end = numeric.Rows[n - 1] + 1;
                string reason = $"{column.Name}: level shift at row {start} — mean {RustFormat.Fixed(meanL, 4)} → {RustFormat.Fixed(meanR, 4)}, standardized shift {RustFormat.Fixed(shift, 3)} > {RustFormat.Fixed(threshold, 3)}";
                sink.Add(Finding.Create(Id, Class, Handle.ForRange(column.Name, start, end), Calibration.FromExceedance(shift, threshold), shift, reason));
            }
        }

        if (!applicable)
        {
            sink.Absent(Id, $"no numeric column with ≥ {context.Config.CollMinN} values and non-zero variance");
        }
    }

    /// <summary>
    /// The split m (1 ≤ m &lt; n) maximising |Σ_{i&lt;m}(x_i − μ)|, first maximum wins; the cumulative sum is plain
    /// left-to-right addition, as the reference. 0 only for n ≤ 1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int ChangePoint(ReadOnlySpan<double> xs, double mu)
    {
        double s = 0.0, best = -1.0;
        int split = 0;
        for (int k = 0; k + 1 < xs.Length; k++)
        {
            s += xs[k] - mu;
            if (Math.Abs(s) > best)
            {
                best = Math.Abs(s);
                split = k + 1;
            }
        }

        return split;
    }

    /// <summary>|meanL − meanR| / (σ·√(1/m + 1/(n−m))).</summary>
    internal static double StandardizedShift(double meanL, double meanR, double sigma, int left, int right) =>
        Math.Abs(meanL - meanR) / (sigma * Math.Sqrt((1.0 / left) + (1.0 / right)));
}
