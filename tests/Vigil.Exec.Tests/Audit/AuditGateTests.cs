using Vigil.Exec.Audit;
using Vigil.Exec.Diagnostics;
using Vigil.Exec.Policy;
using Vigil.Exec.Tests.Identity;
using static Vigil.Exec.Tests.Audit.AuditTestData;

namespace Vigil.Exec.Tests.Audit;

public sealed class AuditGateTests
{
    private static readonly AclSummary Acl = new(true, "/etc/vigil/exec-acl.toml", Epoch, 1, 1, 0, null, ExecCaps.Default, AuditFailureMode.Deny);

    private readonly ManualTimeProvider _clock = new(Epoch);

    /// <summary>A log whose path is a directory: every append fails (works even as root, unlike chmod).</summary>
    private static AuditLog UnwritableLog(TempDirectory temp, TimeProvider time)
    {
        string path = temp.Combine("exec.log");
        Directory.CreateDirectory(path);
        return new AuditLog(path, time);
    }

    [Fact]
    public async Task DenyMode_UnwritableLog_DeniesAuditUnavailable_AndCounts()
    {
        using var temp = new TempDirectory();
        await using AuditLog log = UnwritableLog(temp, _clock);
        var diagnostics = new ExecDiagnostics(_clock);
        var gate = new AuditGate(log, AuditFailureMode.Deny, diagnostics);

        AuditGateDecision decision = await gate.RecordGatingAsync(Request(0));

        Assert.False(decision.MayProceed);
        Assert.False(decision.Durable);
        Assert.Equal(DenialReason.AuditUnavailable, decision.Denial);
        DiagnosticsTotals totals = diagnostics.Snapshot(0, new Dictionary<Vigil.Exec.Identity.AgentId, int>(), Acl).Totals;
        Assert.Equal(1, totals.AuditFailures);
        Assert.Equal(1, totals.AuditWriteFailures);
    }

    [Fact]
    public async Task ContinueMode_UnwritableLog_ProceedsUnaudited_AndCounts()
    {
        using var temp = new TempDirectory();
        await using AuditLog log = UnwritableLog(temp, _clock);
        var diagnostics = new ExecDiagnostics(_clock);
        var gate = new AuditGate(log, AuditFailureMode.Continue, diagnostics);

        AuditGateDecision decision = await gate.RecordGatingAsync(Request(0));

        Assert.True(decision.MayProceed);
        Assert.False(decision.Durable);
        Assert.Null(decision.Denial);
        Assert.Equal(1, diagnostics.Snapshot(0, new Dictionary<Vigil.Exec.Identity.AgentId, int>(), Acl).Totals.AuditFailures);
    }

    [Fact]
    public async Task WritableLog_RecordsAndProceeds_WithoutCounting()
    {
        using var temp = new TempDirectory();
        await using var log = new AuditLog(temp.Combine("exec.log"), _clock);
        var diagnostics = new ExecDiagnostics(_clock);
        var gate = new AuditGate(log, AuditFailureMode.Deny, diagnostics);

        AuditGateDecision decision = await gate.RecordGatingAsync(Request(0));

        Assert.True(decision.MayProceed);
        Assert.True(decision.Durable);
        DiagnosticsTotals totals = diagnostics.Snapshot(0, new Dictionary<Vigil.Exec.Identity.AgentId, int>(), Acl).Totals;
        Assert.Equal((0L, 0L), (totals.AuditFailures, totals.AuditWriteFailures));
    }

    [Fact]
    public async Task NonGatingEvent_Failure_IsCountedAsAWriteFailureOnly()
    {
        using var temp = new TempDirectory();
        await using AuditLog log = UnwritableLog(temp, _clock);
        var diagnostics = new ExecDiagnostics(_clock);
        var gate = new AuditGate(log, AuditFailureMode.Deny, diagnostics);

        Assert.False(await gate.RecordAsync(new AuditStartedEvent(Id(0), 42)));
        DiagnosticsTotals totals = diagnostics.Snapshot(0, new Dictionary<Vigil.Exec.Identity.AgentId, int>(), Acl).Totals;
        Assert.Equal((0L, 1L), (totals.AuditFailures, totals.AuditWriteFailures));
    }

    [Fact]
    public async Task AnySinkException_FailsClosed()
    {
        var diagnostics = new ExecDiagnostics(_clock);
        var gate = new AuditGate(new ThrowingSink(), AuditFailureMode.Deny, diagnostics);
        Assert.Equal(DenialReason.AuditUnavailable, (await gate.RecordGatingAsync(Request(0))).Denial);
    }

    private sealed class ThrowingSink : IAuditSink
    {
        public ValueTask AppendAsync(AuditEvent auditEvent) => throw new InvalidOperationException("disk on fire");
    }
}
