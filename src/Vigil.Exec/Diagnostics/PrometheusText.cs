using System.Globalization;
using System.Text;

namespace Vigil.Exec.Diagnostics;

/// <summary>
/// Renders a snapshot in the Prometheus text exposition format 0.0.4. Agent ids are left out on purpose:
/// per-agent series would be unbounded and identify callers to anyone who can scrape.
/// </summary>
internal static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Render(DiagnosticsSnapshot snapshot)
    {
        var text = new StringBuilder(4096);
        DiagnosticsTotals t = snapshot.Totals;
        Gauge(text, "vigil_exec_enabled", "1 when exec is enabled by the loaded ACL.", snapshot.Enabled ? 1 : 0);
        Gauge(text, "vigil_exec_active_sessions", "Server-role exec sessions running now.", snapshot.ActiveSessions);
        Counter(text, "vigil_exec_requests_received_total", "Exec requests received.", t.RequestsReceived);
        Counter(text, "vigil_exec_requests_allowed_total", "Exec requests allowed to spawn.", t.RequestsAllowed);
        Counter(text, "vigil_exec_requests_denied_total", "Exec requests denied.", t.RequestsDenied);
        Counter(text, "vigil_exec_sessions_started_total", "Exec sessions whose process started.", t.SessionsStarted);
        Counter(text, "vigil_exec_sessions_completed_total", "Exec sessions that finished.", t.SessionsCompleted);
        Counter(text, "vigil_exec_sessions_cancelled_total", "Exec sessions cancelled.", t.SessionsCancelled);
        Counter(text, "vigil_exec_audit_write_failures_total", "Audit events that could not be made durable.", t.AuditWriteFailures);
        Counter(text, "vigil_exec_audit_failures_total", "Requests whose gating audit event could not be made durable.", t.AuditFailures);
        Counter(text, "vigil_exec_replays_rejected_total", "Requests denied as replays.", t.ReplaysRejected);

        Header(text, "vigil_exec_denials_total", "Exec denials by reason.", "counter");
        foreach (DenialReason reason in DenialReasons.All)
        {
            Sample(text, "vigil_exec_denials_total", "reason", reason.ToToken(), t.Denials(reason));
        }

        Header(text, "vigil_exec_cap_breaches_total", "Output caps reached, by stream.", "counter");
        Sample(text, "vigil_exec_cap_breaches_total", "stream", "stdout", t.StdoutCapBreaches);
        Sample(text, "vigil_exec_cap_breaches_total", "stream", "stderr", t.StderrCapBreaches);

        Header(text, "vigil_exec_warnings_total", "Session warnings by kind.", "counter");
        foreach (WarningKind kind in WarningKinds.All)
        {
            Sample(text, "vigil_exec_warnings_total", "kind", kind.ToToken(), t.CapWarnings(kind));
        }

        Gauge(text, "vigil_exec_acl_allow_entries", "Allow entries in the loaded ACL.", snapshot.Enabled ? snapshot.Acl.AllowEntryCount : 0);
        Gauge(text, "vigil_exec_acl_command_entries", "Command entries in the loaded ACL.", snapshot.Enabled ? snapshot.Acl.CommandEntryCount : 0);
        return text.ToString();
    }

    private static void Counter(StringBuilder text, string name, string help, long value)
    {
        Header(text, name, help, "counter");
        text.Append(name).Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    private static void Gauge(StringBuilder text, string name, string help, long value)
    {
        Header(text, name, help, "gauge");
        text.Append(name).Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    private static void Header(StringBuilder text, string name, string help, string type) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    // Label values are fixed snake_case tokens, so no escaping is needed.
    private static void Sample(StringBuilder text, string name, string label, string value, long count) =>
        text.Append(name).Append('{').Append(label).Append("=\"").Append(value).Append("\"} ")
            .Append(count.ToString(CultureInfo.InvariantCulture)).Append('\n');
}
