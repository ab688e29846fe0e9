using System.Collections.Concurrent;
using Vigil.Core.Columns;
using Vigil.Core.Roles;
using Vigil.Detection.Configuration;
using Vigil.Detection.Numerics;

namespace Vigil.Detection;

/// <summary>
/// What every detector sees: the scoped current corpus, the optional baseline, the config, and the roles of the
/// current columns (computed once). Also caches per-column numeric projections so detectors share one extraction
/// and one sort per column; the caches are safe for concurrent detectors.
/// </summary>
public sealed class ScanContext
{
    private readonly ConcurrentDictionary<Column, Lazy<NumericColumn>> _numeric = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<Column, Lazy<SortedSample>> _sorted = new(ReferenceEqualityComparer.Instance);

    public ScanContext(RecordSet current, RecordSet? baseline, DetectConfig config)
    {
        Current = current;
        Baseline = baseline;
        Config = config;
        var roles = new ColumnRole[current.Columns.Count];
        for (int i = 0; i < roles.Length; i++)
        {
            roles[i] = RoleClassifier.Classify(current.Columns[i]);
        }

        Roles = roles;
    }

    public RecordSet Current { get; }

    public RecordSet? Baseline { get; }

    public DetectConfig Config { get; }

    /// <summary>Role of each current column, in column order.</summary>
    public IReadOnlyList<ColumnRole> Roles { get; }

    /// <summary>True when role gating is on and current column <paramref name="index"/> is an identifier or sequence.</summary>
    public bool IsRoleSkipped(int index) => Config.ColumnRoles && Roles[index].SkipsValueDetection();

    /// <summary>The finite numeric cells of a column with their rows (the reference's <c>numeric()</c>, row order).</summary>
    internal NumericColumn Numeric(Column column) =>
        _numeric.GetOrAdd(column, c => new Lazy<NumericColumn>(() => NumericColumn.Of(c))).Value;

    /// <summary><see cref="Numeric"/> sorted by total order.</summary>
    internal SortedSample Sorted(Column column) =>
        _sorted.GetOrAdd(column, c => new Lazy<SortedSample>(() => SortedSample.Of(Numeric(c).Values))).Value;
}
