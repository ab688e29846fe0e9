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
internal sealed class SeasonalDetector : IDetector
{
    public string Id => "ctx.seasonal";

    public AnomalyClass Class => AnomalyClass.Contextual;

    public void Run(ScanContext context, DetectionSink sink)
    {
        ulong period = context.Config.CtxPeriod;
        if (period < 2)
        {
            sink.Absent(Id, "contextual detection needs a declared period ≥ 2 (pass --period N)");
            return;
        }

        double threshold = context.Config.CtxThreshold;
        ulong minPerPhase = context.Config.CtxMinPerPhase;
        bool assessed = false;
        IReadOnlyList<Column> columns = context.Current.Columns;
        for (int c = 0; c < columns.Count; c++)
        {
            Column column = columns[c];
            if (!column.Type.IsNumeric() || context.IsRoleSkipped(c))
            {
                continue;
            }

            // A period beyond the column's length leaves phases with no rows at all; only the first Length can have members.
            int phases = period >= (ulong)column.Length ? column.Length : (int)period;
            int step = (int)Math.Min(period, int.MaxValue);
            var values = new List<double>();
            var rows = new List<int>();
            for (int phase = 0; phase < phases; phase++)
            {
                values.Clear();
                rows.Clear();
                for (long row = phase; row < column.Length; row += step)
                {
                    if (column.TryGetDouble((int)row, out double v) && double.IsFinite(v))
                    {
                        values.Add(v);
                        rows.Add((int)row);
                    }
                }

                if ((ulong)values.Count < minPerPhase)
                {
                    continue;
                }

                if (RobustCenterScale.Of(SortedSample.Of(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(values))) is not RobustCenterScale cs)
                {
                    continue;
                }

                assessed = true;
                for (int i = 0; i < values.Count; i++)
                {
                    double modz = cs.Score(values[i]);
                    if (modz > threshold)
                    {
                        string reason = $"{column.Name} = {RustFormat.Fixed(values[i], 6)} at row {rows[i]} (phase {phase}/{period}): modified z-score {RustFormat.Fixed(modz, 3)} within its seasonal subseries exceeds {RustFormat.Fixed(threshold, 3)}";
                        sink.Add(Finding.Create(Id, Class, Handle.ForCell(column.Name, rows[i]), Calibration.FromExceedance(modz, threshold), modz, reason));
                    }
                }
            }
        }

        if (!assessed)
        {
            sink.Absent(Id, $"no numeric column has ≥ {minPerPhase} values in any phase of period {period}");
        }
    }
}
