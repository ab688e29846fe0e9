using System.Runtime.CompilerServices;
using Vigil.Core.Columns;
using Vigil.Core.Findings;
using Vigil.Core.Handles;
using Vigil.Core.Text;
using Vigil.Detection.Configuration;
using Vigil.Detection.Numerics;
using Vigil.Detection.Statistics;

namespace Vigil.Detection.Detectors;

/// <summary>
/// <c>point.modz</c> (reference §4.1): single cells far from their column's robust center, by modified z-score
/// against <c>point_threshold</c>, or — with <c>point_fdr_q</c> — by Benjamini–Hochberg over normal tail p-values.
/// </summary>
internal sealed class PointModzDetector : IDetector
{
    public string Id => "point.modz";

    public AnomalyClass Class => AnomalyClass.Point;

    public void Run(ScanContext context, DetectionSink sink)
    {
        DetectConfig config = context.Config;
        bool eligible = false, scanned = false;
        IReadOnlyList<Column> columns = context.Current.Columns;
        for (int c = 0; c < columns.Count; c++)
        {
            Column column = columns[c];
            if (!column.Type.IsNumeric())
            {
                continue;
            }

            NumericColumn numeric = context.Numeric(column);
            if ((ulong)numeric.Count < config.PointMinN)
            {
                continue;
            }

            eligible = true;
            if (context.IsRoleSkipped(c))
            {
                continue;
            }

            scanned = true;
            if (RobustCenterScale.Of(context.Sorted(column)) is not RobustCenterScale cs)
            {
                continue;
            }

            if (config.PointFdrQ is double q)
            {
                RunFdr(column, numeric, cs, q, sink);
            }
            else
            {
                RunThreshold(column, numeric, cs, config.PointThreshold, sink);
            }
        }

        if (!eligible)
        {
            sink.Absent(Id, $"no numeric column with at least {config.PointMinN} finite values");
        }
        else if (!scanned)
        {
            sink.Absent(Id, "every numeric column was an identifier, category, or sequence (no measurement column to assess; see `roles`)");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunThreshold(Column column, NumericColumn numeric, RobustCenterScale cs, double threshold, DetectionSink sink)
    {
        double[] xs = numeric.Values;
        for (int i = 0; i < xs.Length; i++)
        {
            double x = xs[i];
            double modz = cs.Score(x);
            if (modz > threshold)
            {
                string reason = $"{column.Name} = {RustFormat.Fixed(x, 6)}: modified z-score {RustFormat.Fixed(modz, 3)} exceeds {RustFormat.Fixed(threshold, 3)} (center={RustFormat.Fixed(cs.Center, 6)}, scale={RustFormat.Fixed(cs.Scale, 6)})";
                sink.Add(Finding.Create(Id, Class, Handle.ForCell(column.Name, numeric.Rows[i]), Calibration.FromExceedance(modz, threshold), modz, reason, column.Type));
            }
        }
    }

    private void RunFdr(Column column, NumericColumn numeric, RobustCenterScale cs, double q, DetectionSink sink)
    {
        double[] xs = numeric.Values;
        var z = new double[xs.Length];
        var p = new double[xs.Length];
        for (int i = 0; i < xs.Length; i++)
        {
            z[i] = Math.Abs(xs[i] - cs.Center) / cs.Scale;
            p[i] = SpecialFunctions.Erfc(z[i] / Math.Sqrt(2.0));
        }

        if (BenjaminiHochberg.Cutoff(p, q) is not double cutoff)
        {
            return;
        }

        for (int i = 0; i < xs.Length; i++)
        {
            if (p[i] <= cutoff)
            {
                string reason = $"{column.Name} = {RustFormat.Fixed(xs[i], 6)}: standardized deviation z={RustFormat.Fixed(z[i], 3)}, p={RustFormat.ExpFixed(p[i], 3)} ≤ BH cutoff {RustFormat.ExpFixed(cutoff, 3)} at FDR q={RustFormat.Fixed(q, 4)} (center={RustFormat.Fixed(cs.Center, 6)}, scale={RustFormat.Fixed(cs.Scale, 6)})";
                sink.Add(Finding.Create(Id, Class, Handle.ForCell(column.Name, numeric.Rows[i]), Calibration.FromUndercut(p[i], cutoff), z[i], reason, column.Type));
            }
        }
    }
}
