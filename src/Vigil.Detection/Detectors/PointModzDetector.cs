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
internal sealed class PointModzDetector : ColumnDetector
{
    public override string Id => "point.modz";

    public override AnomalyClass Class => AnomalyClass.Point;

    public override ColumnVerdict RunColumn(ScanContext context, int c, DetectionSink sink)
    {
        DetectConfig config = context.Config;
        Column column = context.Current.Columns[c];
        if (!column.Type.IsNumeric())
        {
            return ColumnVerdict.None;
        }

        ColumnProfile profile = context.Profile(column);
        if ((ulong)profile.Count < config.PointMinN)
        {
            return ColumnVerdict.None;
        }

        if (context.IsRoleSkipped(c))
        {
            return ColumnVerdict.Eligible;
        }

        if (RobustCenterScale.Of(profile) is RobustCenterScale cs)
        {
            if (config.PointFdrQ is double q)
            {
                RunFdr(profile, cs, q, sink);
            }
            else
            {
                RunThreshold(profile, cs, config.PointThreshold, sink);
            }
        }

        return ColumnVerdict.Eligible | ColumnVerdict.Assessed;
    }

    public override void Conclude(ScanContext context, ReadOnlySpan<ColumnVerdict> verdicts, DetectionSink sink)
    {
        if (!Any(verdicts, ColumnVerdict.Eligible))
        {
            sink.Absent(Id, $"no numeric column with at least {context.Config.PointMinN} finite values");
        }
        else if (!Any(verdicts, ColumnVerdict.Assessed))
        {
            sink.Absent(Id, "every numeric column was an identifier, category, or sequence (no measurement column to assess; see `roles`)");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunThreshold(ColumnProfile profile, RobustCenterScale cs, double threshold, DetectionSink sink)
    {
        Span<double> buffer = stackalloc double[ColumnProfile.BlockLength];
        ColumnProfile.BlockReader blocks = profile.Blocks(buffer);
        // MoveNext on the reader itself (not a foreach copy), so Start tracks the block.
        while (blocks.MoveNext())
        {
            ReadOnlySpan<double> xs = blocks.Current;
            for (int i = 0; i < xs.Length; i++)
            {
                double modz = cs.Score(xs[i]);
                if (modz > threshold)
                {
                    Emit(profile, blocks.Start + i, xs[i], modz, cs, threshold, sink);
                }
            }
        }
    }

    private void Emit(ColumnProfile profile, int i, double x, double modz, RobustCenterScale cs, double threshold, DetectionSink sink)
    {
        Column column = profile.Column;
        string name = column.Name;
        sink.Add(Finding.Create(
            Id, Class, Handle.ForCell(name, profile.RowOf(i)), Calibration.FromExceedance(modz, threshold), modz,
            () => $"{name} = {RustFormat.Fixed(x, 6)}: modified z-score {RustFormat.Fixed(modz, 3)} exceeds {RustFormat.Fixed(threshold, 3)} (center={RustFormat.Fixed(cs.Center, 6)}, scale={RustFormat.Fixed(cs.Scale, 6)})",
            column.Type));
    }

    private void RunFdr(ColumnProfile profile, RobustCenterScale cs, double q, DetectionSink sink)
    {
        ReadOnlySpan<double> xs = profile.Values;
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
                EmitFdr(profile, i, xs[i], z[i], p[i], cutoff, q, cs, sink);
            }
        }
    }

    private void EmitFdr(ColumnProfile profile, int i, double x, double z, double p, double cutoff, double q, RobustCenterScale cs, DetectionSink sink)
    {
        Column column = profile.Column;
        string name = column.Name;
        sink.Add(Finding.Create(
            Id, Class, Handle.ForCell(name, profile.RowOf(i)), Calibration.FromUndercut(p, cutoff), z,
            () => $"{name} = {RustFormat.Fixed(x, 6)}: standardized deviation z={RustFormat.Fixed(z, 3)}, p={RustFormat.ExpFixed(p, 3)} ≤ BH cutoff {RustFormat.ExpFixed(cutoff, 3)} at FDR q={RustFormat.Fixed(q, 4)} (center={RustFormat.Fixed(cs.Center, 6)}, scale={RustFormat.Fixed(cs.Scale, 6)})",
            column.Type));
    }
}
