using System.Runtime.CompilerServices;
using Vigil.Core.Columns;
using Vigil.Core.Findings;
using Vigil.Core.Handles;
using Vigil.Core.Numerics;
using Vigil.Core.Text;
using Vigil.Detection.Numerics;
using Vigil.Detection.Statistics;

namespace Vigil.Detection.Detectors;

/// <summary>
/// <c>coll.cusum</c> (reference §4.8): the single CUSUM change point of each numeric column, flagged when the
/// standardized difference of the means before and after it exceeds <c>coll_threshold</c>.
/// </summary>
internal sealed class CusumDetector : ColumnDetector
{
    public override string Id => "coll.cusum";

    public override AnomalyClass Class => AnomalyClass.Collective;

    public override ColumnVerdict RunColumn(ScanContext context, int c, DetectionSink sink)
    {
        double threshold = context.Config.CollThreshold;
        Column column = context.Current.Columns[c];
        if (!column.Type.IsNumeric() || context.IsRoleSkipped(c))
        {
            return ColumnVerdict.None;
        }

        ColumnProfile profile = context.Profile(column);
        int n = profile.Count;
        if ((ulong)n < context.Config.CollMinN || profile.Mean is not double mu || profile.StdDev is not double sigma || !(sigma > 0))
        {
            return ColumnVerdict.None;
        }

        Span<double> buffer = stackalloc double[ColumnProfile.BlockLength];
        var scan = new ChangePointScan(mu);
        foreach (ReadOnlySpan<double> block in profile.Blocks(buffer, 0, n - 1))
        {
            scan.Feed(block);
        }

        int m = scan.Split;
        if (m == 0)
        {
            return ColumnVerdict.Assessed;
        }

        // The suffix's exact sum is the total's minus the prefix's: one pass over the prefix only.
        var left = new ExactSum();
        foreach (ReadOnlySpan<double> block in profile.Blocks(buffer, 0, m))
        {
            left.Add(block);
        }

        ExactSum right = profile.SumAccumulator.Clone();
        right.Subtract(left);
        double meanL = left.Result() / m;
        double meanR = right.Result() / (n - m);
        double shift = StandardizedShift(meanL, meanR, sigma, m, n - m);
        if (shift > threshold)
        {
            int start = profile.RowOf(m);
            int end = profile.RowOf(n - 1) + 1;
            string name = column.Name;
            sink.Add(Finding.Create(
                Id, Class, Handle.ForRange(name, start, end), Calibration.FromExceedance(shift, threshold), shift,
                () => $"{name}: level shift at row {start} — mean {RustFormat.Fixed(meanL, 4)} → {RustFormat.Fixed(meanR, 4)}, standardized shift {RustFormat.Fixed(shift, 3)} > {RustFormat.Fixed(threshold, 3)}"));
        }

        return ColumnVerdict.Assessed;
    }

    public override void Conclude(ScanContext context, ReadOnlySpan<ColumnVerdict> verdicts, DetectionSink sink)
    {
        if (!Any(verdicts, ColumnVerdict.Assessed))
        {
            sink.Absent(Id, $"no numeric column with ≥ {context.Config.CollMinN} values and non-zero variance");
        }
    }

    /// <summary>
    /// <see cref="ChangePointScan"/> over a whole sample: the split m (1 ≤ m &lt; n) maximising |Σ_{i&lt;m}(x_i − μ)|, first maximum wins; the cumulative sum is plain
    /// left-to-right addition, as the reference. 0 only for n ≤ 1.
    /// </summary>
    internal static int ChangePoint(ReadOnlySpan<double> xs, double mu)
    {
        var scan = new ChangePointScan(mu);
        scan.Feed(xs[..Math.Max(xs.Length - 1, 0)]);
        return scan.Split;
    }

    /// <summary>|meanL − meanR| / (σ·√(1/m + 1/(n−m))).</summary>
    internal static double StandardizedShift(double meanL, double meanR, double sigma, int left, int right) =>
        Math.Abs(meanL - meanR) / (sigma * Math.Sqrt((1.0 / left) + (1.0 / right)));

    /// <summary>
    /// The running CUSUM over the first n − 1 values, fed block by block: the split m maximising
    /// |Σ_{i&lt;m}(x_i − μ)|, first maximum wins; plain left-to-right addition, as the reference.
    /// </summary>
    private struct ChangePointScan(double mu)
    {
        private double _sum;
        private double _best = -1.0;
        private int _fed;

        public int Split { get; private set; }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Feed(ReadOnlySpan<double> block)
        {
            double s = _sum, best = _best;
            int split = Split;
            for (int k = 0; k < block.Length; k++)
            {
                s += block[k] - mu;
                if (Math.Abs(s) > best)
                {
                    best = Math.Abs(s);
                    split = _fed + k + 1;
                }
            }

            _sum = s;
            _best = best;
            _fed += block.Length;
            Split = split;
        }
    }
}
