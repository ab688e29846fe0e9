// Frozen copy of the string-building envelope writer as it was before the streaming Tq1Writer (commit 63ebf33),
// kept only as the byte-for-byte oracle the new writer is checked against. Do not "fix" it.
using System.Text;
using Vigil.Core.Columns;
using Vigil.Core.Findings;
using Vigil.Core.Roles;
using Vigil.Core.Envelope;

namespace Vigil.Scanning.Tests.Envelope.Legacy;

/// <summary>Builds the <c>anomalyx/tq1</c> scan envelope (reference §3.1–3.2) byte for byte.</summary>
internal static class LegacyEnvelopeBuilder
{
    /// <summary>
    /// Sorts the findings, applies output scoping, interns the emitted rows' strings and writes the envelope.
    /// </summary>
    /// <param name="corpus">The scoped current corpus (rows and roles come from it).</param>
    /// <param name="configVersion">The config fingerprint.</param>
    /// <param name="baseline">The baseline's source string in compare mode, else null.</param>
    /// <param name="findings">All findings in report (detector emission) order.</param>
    /// <param name="absences">All absences in report order.</param>
    /// <param name="scope">Output scoping.</param>
    /// <param name="roles">The corpus's column roles when already computed (e.g. by detection), else null.</param>
    public static string Build(RecordSet corpus, string configVersion, string? baseline, IReadOnlyList<Finding> findings, IReadOnlyList<Absence> absences, OutputScope scope, IReadOnlyList<ColumnRole>? roles = null)
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

        Finding[] emitted = kept.ToArray();
        int exit = sorted.Length > 0 ? Tq1.ExitAnomalies : Tq1.ExitClean;

        var dict = new LegacyInterner();
        var rows = new (int Detector, int Class, int Handle, int Severity, int Reason)[emitted.Length];
        for (int i = 0; i < emitted.Length; i++)
        {
            Finding f = emitted[i];
            rows[i] = (dict.Intern(f.Detector), dict.Intern(f.Class.ToToken()), dict.Intern(f.Handle.ToString()), dict.Intern(f.Severity.ToToken()), dict.Intern(f.Reason));
        }

        var sb = new StringBuilder(1024 + (emitted.Length * 160));
        var w = new LegacyJsonWriter(pretty: false, sb);
        w.BeginObject();
        w.Property("protocol", Tq1.Protocol);
        w.Property("config_version", configVersion);
        w.Property("source", corpus.Source);
        w.Property("format", corpus.Format);
        if (baseline is not null)
        {
            w.Property("baseline", baseline);
        }

        w.Property("rows_scanned", corpus.Columns.Count == 0 ? 0 : corpus.Rows);
        w.PropertyName("dict");
        w.StringArray(dict.Strings);
        w.PropertyName("columns");
        w.StringArray(Tq1.FindingColumns);
        w.PropertyName("rows");
        w.BeginArray();
        for (int i = 0; i < rows.Length; i++)
        {
            w.BeginArray();
            w.Int(rows[i].Detector);
            w.Int(rows[i].Class);
            w.Int(rows[i].Handle);
            w.Float(emitted[i].Confidence);
            w.Int(rows[i].Severity);
            w.Float(emitted[i].Score);
            w.Int(rows[i].Reason);
            w.EndArray();
        }

        w.EndArray();
        w.PropertyName("absent");
        w.BeginArray();
        foreach (Absence a in absences)
        {
            w.BeginObject();
            w.Property("detector", a.Detector);
            w.Property("reason", a.Reason);
            w.EndObject();
        }

        w.EndArray();
        w.PropertyName("roles");
        w.BeginArray();
        for (int i = 0; i < corpus.Columns.Count; i++)
        {
            Column c = corpus.Columns[i];
            w.BeginObject();
            w.Property("column", c.Name);
            w.Property("role", (roles is null ? RoleClassifier.Classify(c) : roles[i]).ToToken());
            w.EndObject();
        }

        w.EndArray();
        w.PropertyName("summary");
        w.BeginObject();
        w.Property("total", sorted.Length);
        w.PropertyName("max_severity");
        if (max is Severity m)
        {
            w.String(m.ToToken());
        }
        else
        {
            w.Null();
        }

        w.PropertyName("by_class");
        w.BeginArray();
        foreach (AnomalyClass c in AnomalyClasses.All)
        {
            w.BeginObject();
            w.Property("class", c.ToToken());
            w.Property("count", byClass[(int)c]);
            w.EndObject();
        }

        w.EndArray();
        w.EndObject();
        if (scope.IsActive)
        {
            w.PropertyName("scope");
            w.BeginObject();
            if (scope.MinSeverity is Severity ms)
            {
                w.Property("min_severity", ms.ToToken());
            }

            if (scope.Top is ulong t)
            {
                w.PropertyName("top");
                w.UInt(t);
            }

            w.Property("detected", sorted.Length);
            w.Property("emitted", emitted.Length);
            w.Property("dropped", sorted.Length - emitted.Length);
            w.EndObject();
        }

        w.Property("exit", exit);
        w.EndObject();
        sb.Append('\n');
        return sb.ToString();
    }
}

internal sealed class LegacyInterner
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<string> _strings = [];

    public IReadOnlyList<string> Strings => _strings;

    public int Intern(string value)
    {
        if (!_index.TryGetValue(value, out int i))
        {
            i = _strings.Count;
            _index.Add(value, i);
            _strings.Add(value);
        }

        return i;
    }
}
