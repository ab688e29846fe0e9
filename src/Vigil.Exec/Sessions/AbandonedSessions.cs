using System.Text.Json;
using Vigil.Exec.Audit;
using Vigil.Exec.Identity;
using Vigil.Exec.Runner;

namespace Vigil.Exec.Sessions;

/// <summary>
/// The daemon's start-up sweep (issue 14 item 7). A daemon killed with SIGKILL leaves sessions whose <c>request</c>
/// has no <c>exit</c> in the trail, and their processes running with no one to enforce caps. Before serving, the
/// new daemon kills what is left of each (see <see cref="LeftoverProcess"/>), records an <c>exit</c> with
/// <c>"reason":"daemon_restart"</c> for it, and removes the session cgroups of daemons that are gone.
/// </summary>
public static class AbandonedSessions
{
    /// <summary>The <c>reason</c> of an exit written by the sweep.</summary>
    public const string DaemonRestartReason = "daemon_restart";

    /// <summary>Runs the sweep over the log at <paramref name="auditLogPath"/>, appending through <paramref name="audit"/>.</summary>
    public static async Task<AbandonedSweep> SweepAsync(string auditLogPath, IAuditSink audit, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(time);
        List<OpenSession> open = FindOpen(auditLogPath);
        int killed = 0;
        int recorded = 0;
        foreach (OpenSession session in open)
        {
            if (session.Pid is int pid && await LeftoverProcess.KillAsync(pid, session.StartedUnixMs).ConfigureAwait(false))
            {
                killed++;
            }

            long now = time.GetUtcNow().ToUnixTimeMilliseconds();
            try
            {
                await audit.AppendAsync(new AuditExitEvent(session.RequestId, null, null, Math.Max(0, now - session.RequestUnixMs), 0, 0, false)
                {
                    Reason = DaemonRestartReason,
                }).ConfigureAwait(false);
                recorded++;
            }
            catch (AuditUnavailableException)
            {
                // The log cannot be extended (torn tail, full disk): every request will be denied audit_unavailable
                // anyway; the processes are already dealt with.
            }
        }

        int cgroups = await SessionCgroup.SweepDeadDaemonsAsync().ConfigureAwait(false);
        return new AbandonedSweep(open.Count, recorded, killed, cgroups);
    }

    /// <summary>Sessions with a <c>request</c> but neither an <c>exit</c> nor a <c>denial</c>, in trail order.</summary>
    internal static List<OpenSession> FindOpen(string auditLogPath)
    {
        var open = new Dictionary<string, OpenSession>(StringComparer.Ordinal);
        var order = new List<string>();
        FileStream stream;
        try
        {
            stream = new FileStream(auditLogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }

        using (stream)
        {
            var reader = new AuditLineReader(stream);
            while (reader.Next() is AuditLine line)
            {
                if (line.Terminated && Read(line.Bytes) is { } record)
                {
                    Apply(record, open, order);
                }
            }
        }

        return [.. order.Where(open.ContainsKey).Select(id => open[id])];
    }

    private static void Apply((string Event, string Id, long Ts, int? Pid) record, Dictionary<string, OpenSession> open, List<string> order)
    {
        switch (record.Event)
        {
            case "request" when RequestId.TryParse(record.Id, out RequestId id):
                open[record.Id] = new OpenSession(id, record.Ts, null, 0);
                order.Add(record.Id);
                break;
            case "started" when open.TryGetValue(record.Id, out OpenSession? session):
                open[record.Id] = session with { Pid = record.Pid, StartedUnixMs = record.Ts };
                break;
            case "exit" or "denial":
                open.Remove(record.Id);
                break;
        }
    }

    private static (string Event, string Id, long Ts, int? Pid)? Read(byte[] line)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(line);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("event", out JsonElement name) || name.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("request_id", out JsonElement id) || id.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("ts_unix_ms", out JsonElement ts) || !ts.TryGetInt64(out long tsMs))
            {
                return null;
            }

            int? pid = root.TryGetProperty("pid", out JsonElement p) && p.TryGetInt32(out int value) ? value : null;
            return (name.GetString()!, id.GetString()!, tsMs, pid);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    internal sealed record OpenSession(RequestId RequestId, long RequestUnixMs, int? Pid, long StartedUnixMs);
}

/// <summary>What the start-up sweep found and did.</summary>
/// <param name="Open">Sessions the trail left open.</param>
/// <param name="Recorded">Of those, exits written with reason <c>daemon_restart</c>.</param>
/// <param name="Killed">Of those, sessions with processes still running that were killed.</param>
/// <param name="CgroupsSwept">Session cgroups of dead daemons removed.</param>
public readonly record struct AbandonedSweep(int Open, int Recorded, int Killed, int CgroupsSwept);
