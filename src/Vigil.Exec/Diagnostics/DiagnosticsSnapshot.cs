using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Vigil.Exec.Identity;
using Vigil.Exec.Policy;

namespace Vigil.Exec.Diagnostics;

/// <summary>A point-in-time view of exec diagnostics, rendered as the reference §8.2 JSON or Prometheus text.</summary>
/// <param name="ActiveSessions">Server-role sessions running now.</param>
/// <param name="ActivePerAgent">Running sessions per agent, ordered by agent id.</param>
/// <param name="Totals">The counters.</param>
/// <param name="RecentWarnings">Oldest first, at most <see cref="ExecDiagnostics.RecentWarningCapacity"/>.</param>
/// <param name="Acl">The loaded policy's summary. Only its safe part (reference §8.2: provenance and counts) is ever
/// rendered; its caps, audit mode and diagnostics-entry count stay internal.</param>
public sealed record DiagnosticsSnapshot(
    int ActiveSessions,
    IReadOnlyList<KeyValuePair<AgentId, int>> ActivePerAgent,
    DiagnosticsTotals Totals,
    IReadOnlyList<RecentWarning> RecentWarnings,
    AclSummary Acl)
{
    /// <summary>The HTTP Content-Type of <see cref="ToPrometheusText"/>.</summary>
    public const string PrometheusContentType = PrometheusText.ContentType;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public bool Enabled => Acl.Enabled;

    /// <summary>The reference §8.2 document, with Vigil's <c>audit_failures</c> and <c>replays_rejected</c> in totals.</summary>
    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteJson(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteBoolean("ok", true);
        writer.WriteBoolean("enabled", Enabled);
        writer.WriteNumber("active_sessions", ActiveSessions);
        writer.WriteStartObject("active_per_agent");
        foreach ((AgentId agent, int count) in ActivePerAgent)
        {
            writer.WriteNumber(agent.ToString(), count);
        }

        writer.WriteEndObject();
        WriteTotals(writer, Totals);
        writer.WriteStartArray("recent_warnings");
        foreach (RecentWarning warning in RecentWarnings)
        {
            writer.WriteStartObject();
            writer.WriteNumber("ts_unix_ms", warning.TsUnixMs);
            writer.WriteString("kind", warning.Kind.ToToken());
            writer.WriteString("agent_id", warning.AgentId.ToString());
            writer.WriteString("request_id", warning.RequestId.ToString());
            writer.WriteString("argv_summary", warning.ArgvSummary);
            if (warning.BytesAtWarn is long bytes)
            {
                writer.WriteNumber("bytes_at_warn", bytes);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteAcl(writer, Acl);
        writer.WriteEndObject();
    }

    /// <summary>Prometheus text exposition (format 0.0.4); every reason and kind is present, zero or not.</summary>
    public string ToPrometheusText() => PrometheusText.Render(this);

    private static void WriteTotals(Utf8JsonWriter writer, DiagnosticsTotals totals)
    {
        writer.WriteStartObject("totals");
        writer.WriteNumber("requests_received", totals.RequestsReceived);
        writer.WriteNumber("requests_allowed", totals.RequestsAllowed);
        writer.WriteNumber("requests_denied", totals.RequestsDenied);
        writer.WriteNumber("sessions_started", totals.SessionsStarted);
        writer.WriteNumber("sessions_completed", totals.SessionsCompleted);
        writer.WriteNumber("sessions_cancelled", totals.SessionsCancelled);
        writer.WriteNumber("audit_write_failures", totals.AuditWriteFailures);
        writer.WriteNumber("audit_failures", totals.AuditFailures);
        writer.WriteNumber("replays_rejected", totals.ReplaysRejected);

        // Only what occurred appears (reference §8.1), in declaration order for stable output.
        writer.WriteStartObject("denial_breakdown");
        foreach (DenialReason reason in DenialReasons.All)
        {
            if (totals.Denials(reason) > 0)
            {
                writer.WriteNumber(reason.ToToken(), totals.Denials(reason));
            }
        }

        writer.WriteEndObject();
        writer.WriteStartObject("cap_breaches");
        if (totals.StdoutCapBreaches > 0)
        {
            writer.WriteNumber("stdout", totals.StdoutCapBreaches);
        }

        if (totals.StderrCapBreaches > 0)
        {
            writer.WriteNumber("stderr", totals.StderrCapBreaches);
        }

        writer.WriteEndObject();
        writer.WriteStartObject("cap_warnings");
        foreach (WarningKind kind in WarningKinds.All)
        {
            if (totals.CapWarnings(kind) > 0)
            {
                writer.WriteNumber(kind.ToToken(), totals.CapWarnings(kind));
            }
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteAcl(Utf8JsonWriter writer, AclSummary acl)
    {
        writer.WriteStartObject("acl_summary");
        writer.WriteBoolean("enabled", acl.Enabled);
        writer.WriteString("loaded_from", acl.LoadedFrom);

        writer.WriteNumber("loaded_at_unix_ms", acl.LoadedAtUnixMs);
        writer.WriteNumber("allow_entry_count", acl.Enabled ? acl.AllowEntryCount : 0);
        writer.WriteNumber("command_entry_count", acl.Enabled ? acl.CommandEntryCount : 0);
        if (!acl.Enabled && acl.DisabledReason is not null)
        {
            writer.WriteString("disabled_reason", acl.DisabledReason);
        }

        writer.WriteEndObject();
    }
}
