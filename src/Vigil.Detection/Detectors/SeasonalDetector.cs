using System.Runtime.InteropServices;
using Vigil.Core.Columns;
using Vigil.Core.Findings;
using Vigil.Core.Handles;
using Vigil.Core.Text;
using Vigil.Detection.Numerics;
using Vigil.Detection.Statistics;

namespace Vigil.Detection.Detectors;

/// <summary>
/// <c>ctx.seasonal</c> (reference §4.7): with a declared period p, each phase (rows φ, φ+p, …) is its own sample;
/// cells far from their phase's robust center are flagged by modified z-score against <c>ctx_threshold</c>.
/// Row order is time order; seasonality is never guessed.
/// </summary>
internal sealed class SeasonalDetector : ColumnDetector
{
    public override string Id => "ctx.seasonal";

    public override AnomalyClass Class => AnomalyClass.Contextual;

    public override ColumnVerdict RunColumn(ScanContext context, int c, DetectionSink sink)
    {
        ulong period = context.Config.CtxPeriod;
        Column column = context.Current.Columns[c];
        if (period < 2 || !column.Type.IsNumeric() || context.IsRoleSkipped(c))
        {
            return ColumnVerdict.None;
        }

        double threshold = context.Config.CtxThreshold;
        ulong minPerPhase = context.Config.CtxMinPerPhase;
        ColumnVerdict verdict = ColumnVerdict.None;
        // A period beyond the column's length leaves phases with no rows at all; only the first Length can have members.
        int phases = period >= (ulong)column.Length ? column.Length : (int)period;
        int step = (int)Math.Min(period, int.MaxValue);
        ColumnProfile profile = context.Profile(column);
        ReadOnlySpan<double> all = profile.Values;
        var values = new List<double>();
        var rows = new List<int>();
        for (int phase = 0; phase < phases; phase++)
        {
            values.Clear();
            rows.Clear();
            if (profile.RowsAreIdentity)
            {
                for (long row = phase; row < all.Length; row += step)
                {
                    values.Add(all[(int)row]);
                    rows.Add((int)row);
                }
            }
            else
            {
                for (long row = phase; row < column.Length; row += step)
                {
                    if (column.TryGetDouble((int)row, out double v) && double.IsFinite(v))
                    {
                        values.Add(v);
                        rows.Add((int)row);
                    }
                }
            }

            if ((ulong)values.Count < minPerPhase || RobustCenterScale.Of(CollectionsMarshal.AsSpan(values)) is not RobustCenterScale cs)
            {
                continue;
            }

            verdict = ColumnVerdict.Assessed;
            for (int i = 0; i < values.Count; i++)
            {
                double modz = cs.Score(values[i]);
                if (modz > threshold)
                {
                    Emit(column.Name, values[i], rows[i], phase, period, modz, threshold, sink);
                }
            }
        }

        return verdict;
    }

    // A method of its own so the reason's closure is allocated per finding, not per value.
    private void Emit(string name, double x, int row, int phase, ulong period, double modz, double threshold, DetectionSink sink) =>
        sink.Add(Finding.Create(
            Id, Class, Handle.ForCell(name, row), Calibration.FromExceedance(modz, threshold), modz,
            () => $"{name} = {RustFormat.Fixed(x, 6)} at row {row} (phase {phase}/{period}): modified z-score {RustFormat.Fixed(modz, 3)} within its seasonal subseries exceeds {RustFormat.Fixed(threshold, 3)}"));

    public override void Conclude(ScanContext context, ReadOnlySpan<ColumnVerdict> verdicts, DetectionSink sink)
    {
        ulong period = context.Config.CtxPeriod;
        if (period < 2)
        {
            sink.Absent(Id, "contextual detection needs a declared period ≥ 2 (pass --period N)");
        }
        else if (!Any(verdicts, ColumnVerdict.Assessed))
        {
            sink.Absent(Id, $"no numeric column has ≥ {context.Config.CtxMinPerPhase} values in any phase of period {period}");
        }
    }
}
