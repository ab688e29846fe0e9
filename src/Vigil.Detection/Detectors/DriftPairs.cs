using Vigil.Core.Columns;
using Vigil.Detection.Numerics;

namespace Vigil.Detection.Detectors;

/// <summary>
/// The pairing shared by <c>dist.ks</c> and <c>dist.psi</c> (reference §4.3): a current numeric, not role-skipped
/// column whose first same-named baseline column is numeric, with at least <c>dist_min_n</c> finite values on both
/// sides.
/// </summary>
internal static class DriftPairs
{
    public const string NoBaseline = "no baseline provided; distributional drift requires --baseline";

    /// <summary>The profiles of current column <paramref name="c"/> and its baseline partner, or null when it has none.</summary>
    public static (Column Current, ColumnProfile CurrentProfile, ColumnProfile BaselineProfile)? Pair(ScanContext context, int c)
    {
        if (context.Baseline is not { } baseline)
        {
            return null;
        }

        Column column = context.Current.Columns[c];
        if (!column.Type.IsNumeric() || context.IsRoleSkipped(c))
        {
            return null;
        }

        Column? before = baseline.Find(column.Name);
        if (before is null || !before.Type.IsNumeric())
        {
            return null;
        }

        ulong minN = context.Config.DistMinN;
        ColumnProfile current = context.Profile(column);
        ColumnProfile past = context.Profile(before);
        if ((ulong)current.Count < minN || (ulong)past.Count < minN)
        {
            return null;
        }

        return (column, current, past);
    }

    /// <summary>The absence a drift detector owes when no column paired (or there was no baseline at all).</summary>
    internal static string? Absence(ScanContext context, ReadOnlySpan<ColumnVerdict> verdicts)
    {
        if (context.Baseline is null)
        {
            return NoBaseline;
        }

        foreach (ColumnVerdict v in verdicts)
        {
            if ((v & ColumnVerdict.Eligible) != 0)
            {
                return null;
            }
        }

        return $"no numeric column shared by both corpora with ≥ {context.Config.DistMinN} values";
    }
}
