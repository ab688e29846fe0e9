using Vigil.Core.Columns;
using Vigil.Detection.Numerics;

namespace Vigil.Detection.Detectors;

/// <summary>
/// The paired iteration shared by <c>dist.ks</c> and <c>dist.psi</c> (reference §4.3): current numeric, not
/// role-skipped columns whose first same-named baseline column is numeric, with at least <c>dist_min_n</c> finite
/// values on both sides.
/// </summary>
internal static class DriftPairs
{
    public const string NoBaseline = "no baseline provided; distributional drift requires --baseline";

    /// <summary>The pairs, or null after recording the detector's absence (no baseline, or no pair).</summary>
    public static List<(Column Current, SortedSample CurrentSample, SortedSample BaselineSample)>? NumericOrAbsent(
        ScanContext context, DetectionSink sink, string detectorId)
    {
        if (context.Baseline is null)
        {
            sink.Absent(detectorId, NoBaseline);
            return null;
        }

        var pairs = Numeric(context);
        if (pairs.Count == 0)
        {
            sink.Absent(detectorId, $"no numeric column shared by both corpora with ≥ {context.Config.DistMinN} values");
            return null;
        }

        return pairs;
    }

    private static List<(Column Current, SortedSample CurrentSample, SortedSample BaselineSample)> Numeric(ScanContext context)
    {
        var pairs = new List<(Column, SortedSample, SortedSample)>();
        RecordSet baseline = context.Baseline!;
        ulong minN = context.Config.DistMinN;
        IReadOnlyList<Column> columns = context.Current.Columns;
        for (int c = 0; c < columns.Count; c++)
        {
            Column column = columns[c];
            if (!column.Type.IsNumeric() || context.IsRoleSkipped(c))
            {
                continue;
            }

            Column? before = baseline.Find(column.Name);
            if (before is null || !before.Type.IsNumeric())
            {
                continue;
            }

            if ((ulong)context.Numeric(column).Count < minN || (ulong)context.Numeric(before).Count < minN)
            {
                continue;
            }

            pairs.Add((column, context.Sorted(column), context.Sorted(before)));
        }

        return pairs;
    }
}
