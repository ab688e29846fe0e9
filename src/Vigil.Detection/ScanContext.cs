using System.Collections.Concurrent;
using Vigil.Core.Columns;
using Vigil.Core.Numerics;
using Vigil.Core.Roles;
using Vigil.Detection.Configuration;
using Vigil.Detection.Numerics;

namespace Vigil.Detection;

/// <summary>
/// What every detector sees: the scoped current corpus, the optional baseline, the config, and the roles of the
/// current columns (computed once). Also holds each numeric column's profile while detectors use it, so they share
/// one extraction, one exact sum and one selection per statistic; safe for concurrent detectors.
/// </summary>
public sealed class ScanContext
{
    private readonly ConcurrentDictionary<Column, Lazy<ColumnProfile>> _profiles = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<Column, Lazy<ExactSum>> _storageSums = new(ReferenceEqualityComparer.Instance);

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

    /// <summary>The finite numeric values of a column (current or baseline) and their shared statistics.</summary>
    internal ColumnProfile Profile(Column column) =>
        _profiles.GetOrAdd(column, c => new Lazy<ColumnProfile>(() => ColumnProfile.Of(c, this))).Value;

    /// <summary>
    /// The exact sum of a column read in place (every cell a finite number: see <see cref="ColumnProfile"/>),
    /// kept for the whole scan: per-column detectors and the multivariate one both need it, at different times.
    /// </summary>
    internal ExactSum StorageSum(Column column) =>
        _storageSums.GetOrAdd(column, c => new Lazy<ExactSum>(() => ColumnProfile.Of(c).SumAccumulator)).Value;

    /// <summary>Drops a column's profile once no detector needs it, so scratch memory stays bounded by the columns in flight.</summary>
    internal void Release(Column column) => _profiles.TryRemove(column, out _);
}
