using Vigil.Core.Columns;
using Vigil.Core.Findings;
using Vigil.Core.Roles;

namespace Vigil.Core.Envelope;

/// <summary>Decides the <c>anomalyx/tq1</c> scan envelope (reference §3.1–3.2); <see cref="Tq1Writer"/> writes it.</summary>
public static class EnvelopeBuilder
{
    /// <summary>Sorts the findings, applies output scoping, counts the summary and assigns the roles.</summary>
    /// <param name="corpus">The scoped current corpus (rows and roles come from it).</param>
    /// <param name="configVersion">The config fingerprint.</param>
    /// <param name="baseline">The baseline's source string in compare mode, else null.</param>
    /// <param name="findings">All findings in report (detector emission) order.</param>
    /// <param name="absences">All absences in report order.</param>
    /// <param name="scope">Output scoping.</param>
    /// <param name="roles">The corpus's column roles when already computed (e.g. by detection), else null.</param>
    public static ScanEnvelope Build(RecordSet corpus, string configVersion, string? baseline, IReadOnlyList<Finding> findings, IReadOnlyList<Absence> absences, OutputScope scope, IReadOnlyList<ColumnRole>? roles = null)
    {
        if (roles is not null && roles.Count != corpus.Columns.Count)
        {
            throw new ArgumentException("one role per column is required", nameof(roles));
        }

        Finding[] sorted = FindingOrder.Sort(findings);
        Severity? max = null;
        var byClass = new int[AnomalyClasses.All.Count];
        foreach (Finding f in sorted)
        {
            if (max is null || f.Severity > max)
            {
                max = f.Severity;
            }

            byClass[(int)f.Class]++;
        }

        IEnumerable<Finding> kept = sorted;
        if (scope.MinSeverity is Severity min)
        {
            kept = kept.Where(f => f.Severity >= min);
        }

        if (scope.Top is ulong top)
        {
            kept = kept.Take((int)Math.Min(top, int.MaxValue));
        }

        var assigned = new RoleAssignment[corpus.Columns.Count];
        for (int i = 0; i < assigned.Length; i++)
        {
            Column c = corpus.Columns[i];
            assigned[i] = new RoleAssignment(c.Name, roles is null ? RoleClassifier.Classify(c) : roles[i]);
        }

        return new ScanEnvelope
        {
            ConfigVersion = configVersion,
            Source = corpus.Source,
            Format = corpus.Format,
            Baseline = baseline,
            RowsScanned = corpus.Columns.Count == 0 ? 0 : corpus.Rows,
            Emitted = kept.ToArray(),
            Detected = sorted,
            MaxSeverity = max,
            CountsByClass = byClass,
            Absences = absences,
            Roles = assigned,
            Scope = scope,
            Exit = sorted.Length > 0 ? Tq1.ExitAnomalies : Tq1.ExitClean,
        };
    }
}
