using Vigil.Core.Findings;

namespace Vigil.Core.Envelope;

/// <summary>
/// Everything the <c>tq1</c> envelope says, decided and in envelope order, but not yet written: findings sorted and
/// scoped, the summary counted, the roles classified. <see cref="Tq1Writer"/> turns it into bytes; a table or any
/// other report renders the same facts.
/// </summary>
public sealed record ScanEnvelope
{
    public required string ConfigVersion { get; init; }

    public required string Source { get; init; }

    public required string Format { get; init; }

    /// <summary>The baseline's source in compare mode, else null (then the field is absent).</summary>
    public string? Baseline { get; init; }

    /// <summary>Rows of the scoped corpus; 0 when it has no columns.</summary>
    public required long RowsScanned { get; init; }

    /// <summary>The findings in <c>rows</c>, in envelope order.</summary>
    public required IReadOnlyList<Finding> Emitted { get; init; }

    /// <summary>Every finding, in envelope order.</summary>
    public required IReadOnlyList<Finding> Detected { get; init; }

    /// <summary>Highest severity detected, or null.</summary>
    public Severity? MaxSeverity { get; init; }

    /// <summary>Detected findings per class, indexed by <see cref="AnomalyClass"/> in <see cref="AnomalyClasses.All"/> order.</summary>
    public required IReadOnlyList<int> CountsByClass { get; init; }

    /// <summary>Detectors that declined to run, in report order.</summary>
    public required IReadOnlyList<Absence> Absences { get; init; }

    /// <summary>One role per column of the scoped corpus, in column order.</summary>
    public required IReadOnlyList<RoleAssignment> Roles { get; init; }

    public OutputScope Scope { get; init; }

    /// <summary>1 when anything was detected (scoping never changes it), else 0.</summary>
    public required int Exit { get; init; }

    /// <summary>
    /// The envelope as one string (compact JSON + <c>\n</c>), rendered on each access; output paths stream it
    /// with <see cref="Tq1Writer.Write"/> instead.
    /// </summary>
    public string Json => Tq1Writer.ToJson(this);
}
