using System.Buffers;
using System.Text;
using Vigil.Core.Findings;
using Vigil.Core.Roles;
using Vigil.Core.Text;

namespace Vigil.Core.Envelope;

/// <summary>
/// Writes a <see cref="ScanEnvelope"/> as the <c>anomalyx/tq1</c> envelope, byte for byte (reference §3.1–3.2):
/// compact UTF-8 JSON followed by one <c>\n</c>, straight into the caller's buffer, never as one string.
/// </summary>
public static class Tq1Writer
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes the envelope into <paramref name="output"/>.</summary>
    public static void Write(ScanEnvelope envelope, IBufferWriter<byte> output)
    {
        IReadOnlyList<Finding> emitted = envelope.Emitted;

        // The dict precedes the rows, so intern every emitted string first (reference §2.7 order).
        var dict = new StringInterner();
        var rows = new (int Detector, int Class, int Handle, int Severity, int Reason)[emitted.Count];
        for (int i = 0; i < rows.Length; i++)
        {
            Finding f = emitted[i];
            rows[i] = (dict.Intern(f.Detector), dict.Intern(f.Class.ToToken()), dict.Intern(f.Handle.ToString()), dict.Intern(f.Severity.ToToken()), dict.Intern(f.Reason));
        }

        var w = new JsonWriter(pretty: false, output);
        w.BeginObject();
        w.Property("protocol", Tq1.Protocol);
        w.Property("config_version", envelope.ConfigVersion);
        w.Property("source", envelope.Source);
        w.Property("format", envelope.Format);
        if (envelope.Baseline is string baseline)
        {
            w.Property("baseline", baseline);
        }

        w.Property("rows_scanned", envelope.RowsScanned);
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
        foreach (Absence a in envelope.Absences)
        {
            w.BeginObject();
            w.Property("detector", a.Detector);
            w.Property("reason", a.Reason);
            w.EndObject();
        }

        w.EndArray();
        w.PropertyName("roles");
        w.BeginArray();
        foreach (RoleAssignment r in envelope.Roles)
        {
            w.BeginObject();
            w.Property("column", r.Column);
            w.Property("role", r.Role.ToToken());
            w.EndObject();
        }

        w.EndArray();
        WriteSummary(w, envelope);
        if (envelope.Scope.IsActive)
        {
            WriteScope(w, envelope);
        }

        w.Property("exit", envelope.Exit);
        w.EndObject();
        w.Newline();
    }

    /// <summary>The envelope as one string, for tests and callers that need the text itself.</summary>
    public static string ToJson(ScanEnvelope envelope)
    {
        var buffer = new ArrayBufferWriter<byte>(1024 + (envelope.Emitted.Count * 160));
        Write(envelope, buffer);
        return Utf8.GetString(buffer.WrittenSpan);
    }

    private static void WriteSummary(JsonWriter w, ScanEnvelope envelope)
    {
        w.PropertyName("summary");
        w.BeginObject();
        w.Property("total", envelope.Detected.Count);
        w.PropertyName("max_severity");
        if (envelope.MaxSeverity is Severity m)
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
            w.Property("count", envelope.CountsByClass[(int)c]);
            w.EndObject();
        }

        w.EndArray();
        w.EndObject();
    }

    private static void WriteScope(JsonWriter w, ScanEnvelope envelope)
    {
        w.PropertyName("scope");
        w.BeginObject();
        if (envelope.Scope.MinSeverity is Severity ms)
        {
            w.Property("min_severity", ms.ToToken());
        }

        if (envelope.Scope.Top is ulong t)
        {
            w.PropertyName("top");
            w.UInt(t);
        }

        int detected = envelope.Detected.Count, emitted = envelope.Emitted.Count;
        w.Property("detected", detected);
        w.Property("emitted", emitted);
        w.Property("dropped", detected - emitted);
        w.EndObject();
    }
}
