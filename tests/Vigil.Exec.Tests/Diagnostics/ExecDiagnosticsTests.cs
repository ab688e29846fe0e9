using System.Text.Json;
using Vigil.Exec.Diagnostics;
using Vigil.Exec.Identity;
using Vigil.Exec.Policy;
using Vigil.Exec.Tests.Identity;

namespace Vigil.Exec.Tests.Diagnostics;

public sealed class ExecDiagnosticsTests
{
    private const long Epoch = 1_767_225_600_000;
    private static readonly AgentId AgentA = AgentId.Parse(new string('a', 64));
    private static readonly AgentId AgentC = AgentId.Parse(new string('c', 64));
    private static readonly RequestId Rid = new(0, 7);
    private static readonly AclSummary EnabledAcl = new(true, "/etc/vigil/exec-acl.toml", Epoch, 1, 2, 1, null, ExecCaps.Default, AuditFailureMode.Deny);
    private static readonly Dictionary<AgentId, int> NoSessions = [];

    private readonly ManualTimeProvider _clock = new(Epoch);

    private DiagnosticsTotals Totals(ExecDiagnostics d) => d.Snapshot(0, NoSessions, EnabledAcl).Totals;

    [Fact]
    public void New_StartsAtZero()
    {
        var d = new ExecDiagnostics(_clock);
        DiagnosticsTotals t = Totals(d);
        long[] counters =
        [
            t.RequestsReceived, t.RequestsAllowed, t.RequestsDenied, t.SessionsStarted, t.SessionsCompleted, t.SessionsCancelled,
            t.AuditWriteFailures, t.AuditFailures, t.ReplaysRejected, t.StdoutCapBreaches, t.StderrCapBreaches,
        ];
        Assert.All(counters, c => Assert.Equal(0, c));
        Assert.All(t.DenialCounts, c => Assert.Equal(0, c));
        Assert.All(t.CapWarningCounts, c => Assert.Equal(0, c));
        Assert.Equal(DenialReasons.All.Count, t.DenialCounts.Count);
        Assert.Empty(d.Snapshot(0, NoSessions, EnabledAcl).RecentWarnings);
    }

    [Fact]
    public void RecordsRequestsReceived()
    {
        var d = new ExecDiagnostics(_clock);
        d.RecordRequestReceived();
        d.RecordRequestReceived();
        d.RecordRequestReceived();
        Assert.Equal(3, Totals(d).RequestsReceived);
    }

    [Fact]
    public void RecordsAllowedAndDenied_WithBreakdown()
    {
        var d = new ExecDiagnostics(_clock);
        d.RecordRequestAllowed();
        d.RecordRequestDenied(DenialReason.ArgvNotAllowed);
        d.RecordRequestDenied(DenialReason.ExecDisabled);
        d.RecordRequestDenied(DenialReason.ArgvNotAllowed);
        DiagnosticsTotals t = Totals(d);
        Assert.Equal((1L, 3L), (t.RequestsAllowed, t.RequestsDenied));
        Assert.Equal(2, t.Denials(DenialReason.ArgvNotAllowed));
        Assert.Equal(1, t.Denials(DenialReason.ExecDisabled));
        Assert.Equal(0, t.ReplaysRejected);
    }

    [Fact]
    public void ReplayedDenial_CountsInReplaysRejected()
    {
        var d = new ExecDiagnostics(_clock);
        d.RecordRequestDenied(DenialReason.ReplayedRequest);
        d.RecordRequestDenied(DenialReason.StaleRequest);
        DiagnosticsTotals t = Totals(d);
        Assert.Equal(1, t.ReplaysRejected);
        Assert.Equal(2, t.RequestsDenied);
    }

    [Fact]
    public void RecordsSessionLifecycle()
    {
        var d = new ExecDiagnostics(_clock);
        d.RecordSessionStarted();
        d.RecordSessionStarted();
        d.RecordSessionCompleted();
        d.RecordSessionCancelled();
        DiagnosticsTotals t = Totals(d);
        Assert.Equal((2L, 1L, 1L), (t.SessionsStarted, t.SessionsCompleted, t.SessionsCancelled));
    }

    [Fact]
    public void RecordsAuditFailures()
    {
        var d = new ExecDiagnostics(_clock);
        d.RecordAuditWriteFailure();
        d.RecordAuditWriteFailure();
        d.RecordAuditFailure();
        DiagnosticsTotals t = Totals(d);
        Assert.Equal((2L, 1L), (t.AuditWriteFailures, t.AuditFailures));
    }

    [Fact]
    public void RecordsCapBreaches()
    {
        var d = new ExecDiagnostics(_clock);
        d.RecordCapBreach(StdStream.Stdout);
        d.RecordCapBreach(StdStream.Stdout);
        d.RecordCapBreach(StdStream.Stderr);
        DiagnosticsTotals t = Totals(d);
        Assert.Equal((2L, 1L), (t.StdoutCapBreaches, t.StderrCapBreaches));
    }

    [Fact]
    public void RecordsWarning_InCountsAndRecentRing()
    {
        var d = new ExecDiagnostics(_clock);
        d.RecordWarning(WarningKind.StdoutCapHit, AgentA, Rid, ["/bin/cat", "-n"], 36);
        DiagnosticsSnapshot s = d.Snapshot(0, NoSessions, EnabledAcl);
        Assert.Equal(1, s.Totals.CapWarnings(WarningKind.StdoutCapHit));
        RecentWarning recent = Assert.Single(s.RecentWarnings);
        Assert.Equal(new RecentWarning(Epoch, WarningKind.StdoutCapHit, AgentA, Rid, "/bin/cat -n", 36), recent);
    }

    [Fact]
    public void RecentWarnings_KeepTheLast64()
    {
        var d = new ExecDiagnostics(_clock);
        for (int i = 0; i < 70; i++)
        {
            d.RecordWarning(WarningKind.Cancelled, AgentA, Rid, [$"cmd-{i}"], null);
        }

        IReadOnlyList<RecentWarning> recent = d.Snapshot(0, NoSessions, EnabledAcl).RecentWarnings;
        Assert.Equal(64, recent.Count);
        Assert.Equal("cmd-6", recent[0].ArgvSummary);
        Assert.Equal("cmd-69", recent[^1].ArgvSummary);
        Assert.Equal(70, d.Snapshot(0, NoSessions, EnabledAcl).Totals.CapWarnings(WarningKind.Cancelled));
    }

    [Fact]
    public void Snapshot_ReportsActiveSessionsPassedIn_SortedByAgent()
    {
        var d = new ExecDiagnostics(_clock);
        DiagnosticsSnapshot s = d.Snapshot(3, new Dictionary<AgentId, int> { [AgentC] = 1, [AgentA] = 2 }, EnabledAcl);
        Assert.Equal(3, s.ActiveSessions);
        Assert.Equal([AgentA, AgentC], s.ActivePerAgent.Select(p => p.Key));
        Assert.Equal([2, 1], s.ActivePerAgent.Select(p => p.Value));
    }

    [Fact]
    public void ConcurrentRecording_LosesNothing()
    {
        var d = new ExecDiagnostics(_clock);
        Parallel.For(0, 8, _ =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                d.RecordRequestReceived();
                d.RecordRequestDenied(DenialReason.CwdNotAllowed);
                d.RecordWarning(WarningKind.StderrCapHit, AgentA, Rid, ["x"], null);
            }
        });

        DiagnosticsSnapshot s = d.Snapshot(0, NoSessions, EnabledAcl);
        Assert.Equal(80_000, s.Totals.RequestsReceived);
        Assert.Equal(80_000, s.Totals.Denials(DenialReason.CwdNotAllowed));
        Assert.Equal(80_000, s.Totals.CapWarnings(WarningKind.StderrCapHit));
        Assert.Equal(ExecDiagnostics.RecentWarningCapacity, s.RecentWarnings.Count);
    }

    [Fact]
    public void Json_HasTheReferenceShape_PlusVigilCounters()
    {
        var d = new ExecDiagnostics(_clock);
        for (int i = 0; i < 3; i++)
        {
            d.RecordRequestReceived();
        }

        d.RecordRequestAllowed();
        d.RecordRequestAllowed();
        d.RecordRequestDenied(DenialReason.ArgvNotAllowed);
        d.RecordSessionStarted();
        d.RecordSessionStarted();
        d.RecordSessionCompleted();
        d.RecordSessionCompleted();
        d.RecordCapBreach(StdStream.Stdout);
        d.RecordWarning(WarningKind.StdoutApproachingCap, AgentA, Rid, ["/bin/cat"], 36);
        d.RecordWarning(WarningKind.StdoutCapHit, AgentA, Rid, ["/bin/cat"], 36);

        string json = d.Snapshot(1, new Dictionary<AgentId, int> { [AgentA] = 1 }, EnabledAcl).ToJson();

        // Reference §8.2 example, with audit_failures and replays_rejected after audit_write_failures.
        string a = new('a', 64);
        string expected =
            "{\"ok\":true,\"enabled\":true,\"active_sessions\":1,\"active_per_agent\":{\"" + a + "\":1},"
            + "\"totals\":{\"requests_received\":3,\"requests_allowed\":2,\"requests_denied\":1,"
            + "\"sessions_started\":2,\"sessions_completed\":2,\"sessions_cancelled\":0,"
            + "\"audit_write_failures\":0,\"audit_failures\":0,\"replays_rejected\":0,"
            + "\"denial_breakdown\":{\"argv_not_allowed\":1},\"cap_breaches\":{\"stdout\":1},"
            + "\"cap_warnings\":{\"stdout_cap_hit\":1,\"stdout_approaching_cap\":1}},"
            + "\"recent_warnings\":["
            + "{\"ts_unix_ms\":" + Epoch + ",\"kind\":\"stdout_approaching_cap\",\"agent_id\":\"" + a + "\",\"request_id\":\"00000000000000000000000000000007\",\"argv_summary\":\"/bin/cat\",\"bytes_at_warn\":36},"
            + "{\"ts_unix_ms\":" + Epoch + ",\"kind\":\"stdout_cap_hit\",\"agent_id\":\"" + a + "\",\"request_id\":\"00000000000000000000000000000007\",\"argv_summary\":\"/bin/cat\",\"bytes_at_warn\":36}],"
            + "\"acl_summary\":{\"enabled\":true,\"loaded_from\":\"/etc/vigil/exec-acl.toml\",\"loaded_at_unix_ms\":" + Epoch
            + ",\"allow_entry_count\":1,\"command_entry_count\":2}}";
        Assert.Equal(expected, json);
    }

    [Fact]
    public void Json_DenialBreakdown_OnlyOccurredReasons_InDeclarationOrder()
    {
        var d = new ExecDiagnostics(_clock);
        d.RecordRequestDenied(DenialReason.ReplayedRequest);
        d.RecordRequestDenied(DenialReason.ArgvNotAllowed);
        d.RecordRequestDenied(DenialReason.ExecDisabled);

        using JsonDocument doc = JsonDocument.Parse(d.Snapshot(0, NoSessions, EnabledAcl).ToJson());
        string[] keys = [.. doc.RootElement.GetProperty("totals").GetProperty("denial_breakdown").EnumerateObject().Select(p => p.Name)];
        Assert.Equal(["exec_disabled", "argv_not_allowed", "replayed_request"], keys);
    }

    [Fact]
    public void Json_WarningWithoutBytes_OmitsBytesAtWarn()
    {
        var d = new ExecDiagnostics(_clock);
        d.RecordWarning(WarningKind.LeaseExpired, AgentA, Rid, ["sleep", "60"], null);
        using JsonDocument doc = JsonDocument.Parse(d.Snapshot(0, NoSessions, EnabledAcl).ToJson());
        JsonElement entry = doc.RootElement.GetProperty("recent_warnings")[0];
        Assert.False(entry.TryGetProperty("bytes_at_warn", out _));
        Assert.Equal("sleep 60", entry.GetProperty("argv_summary").GetString());
    }

    [Fact]
    public void Json_DisabledPolicy_ShowsReasonAndZeroCounts()
    {
        var d = new ExecDiagnostics(_clock);
        var disabled = new AclSummary(false, "/etc/vigil/exec-acl.toml", Epoch, 5, 9, 1, "acl_missing", null, AuditFailureMode.Deny);
        using JsonDocument doc = JsonDocument.Parse(d.Snapshot(0, NoSessions, disabled).ToJson());
        Assert.False(doc.RootElement.GetProperty("enabled").GetBoolean());
        JsonElement acl = doc.RootElement.GetProperty("acl_summary");
        Assert.False(acl.GetProperty("enabled").GetBoolean());
        Assert.Equal(0, acl.GetProperty("allow_entry_count").GetInt32());
        Assert.Equal(0, acl.GetProperty("command_entry_count").GetInt32());
        Assert.Equal("acl_missing", acl.GetProperty("disabled_reason").GetString());
    }

    [Fact]
    public void Json_AclSummary_RendersOnlyProvenanceAndCounts()
    {
        // Reference §8.2: caps (and anything else of the ACL's contents) are never exposed.
        using JsonDocument doc = JsonDocument.Parse(new ExecDiagnostics(_clock).Snapshot(0, NoSessions, EnabledAcl).ToJson());
        string[] keys = [.. doc.RootElement.GetProperty("acl_summary").EnumerateObject().Select(p => p.Name)];
        Assert.Equal(["enabled", "loaded_from", "loaded_at_unix_ms", "allow_entry_count", "command_entry_count"], keys);
    }

    [Fact]
    public void Json_EnabledPolicy_OmitsDisabledReason()
    {
        using JsonDocument doc = JsonDocument.Parse(new ExecDiagnostics(_clock).Snapshot(0, NoSessions, EnabledAcl).ToJson());
        Assert.False(doc.RootElement.GetProperty("acl_summary").TryGetProperty("disabled_reason", out _));
    }

    [Fact]
    public void Prometheus_ExposesEveryCounterAndLabel()
    {
        var d = new ExecDiagnostics(_clock);
        d.RecordRequestReceived();
        d.RecordRequestReceived();
        d.RecordRequestDenied(DenialReason.ReplayedRequest);
        d.RecordCapBreach(StdStream.Stderr);
        d.RecordWarning(WarningKind.PeerDisconnected, AgentA, Rid, ["x"], null);

        string text = d.Snapshot(4, new Dictionary<AgentId, int> { [AgentA] = 4 }, EnabledAcl).ToPrometheusText();
        string[] lines = text.Split('\n');
        Assert.Equal(string.Empty, lines[^1]);

        Assert.Contains("vigil_exec_requests_received_total 2", lines);
        Assert.Contains("vigil_exec_replays_rejected_total 1", lines);
        Assert.Contains("vigil_exec_active_sessions 4", lines);
        Assert.Contains("vigil_exec_enabled 1", lines);
        Assert.Contains("vigil_exec_denials_total{reason=\"replayed_request\"} 1", lines);
        Assert.Contains("vigil_exec_denials_total{reason=\"exec_disabled\"} 0", lines);
        Assert.Contains("vigil_exec_cap_breaches_total{stream=\"stderr\"} 1", lines);
        Assert.Contains("vigil_exec_warnings_total{kind=\"peer_disconnected\"} 1", lines);
        foreach (DenialReason reason in DenialReasons.All)
        {
            Assert.Single(lines, l => l.StartsWith($"vigil_exec_denials_total{{reason=\"{reason.ToToken()}\"}} ", StringComparison.Ordinal));
        }

        // Agent ids never leak into metrics.
        Assert.DoesNotContain(AgentA.ToString(), text);

        // Every sample belongs to a family declared with HELP and TYPE before it.
        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (string line in lines.Where(l => l.Length > 0))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                declared.Add(line.Split(' ')[2]);
                continue;
            }

            if (line.StartsWith('#'))
            {
                continue;
            }

            Assert.Matches(@"^[a-z_]+(\{[a-z_]+=""[a-z_]+""\})? [0-9]+$", line);
            Assert.Contains(line.Split('{', ' ')[0], declared);
        }
    }
}
