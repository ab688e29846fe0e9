using Vigil.Exec;
using Vigil.Exec.Audit;
using Vigil.Exec.Diagnostics;
using Vigil.Exec.Identity;
using Vigil.Exec.Policy;
using Vigil.Exec.Runner;
using Vigil.Exec.Sessions;

namespace Vigil.Server.Tests;

/// <summary>
/// The concurrency slot (and the session entry) are given back before Exit is sent, on the run path and on the
/// denial paths that hold a slot: a caller at its limit that sends its next request the moment it sees Exit must
/// not be refused with <c>concurrency_limit_reached</c>.
/// </summary>
public sealed class ExecSlotReleaseFixTests : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-slotfix-").FullName;
    private readonly MachineKey _self = MachineKey.Generate();
    private readonly MachineKey _aliceMachine = MachineKey.Generate();
    private readonly AgentKey _alice = AgentKey.Generate();

    public ValueTask DisposeAsync()
    {
        _self.Dispose();
        _aliceMachine.Dispose();
        Directory.Delete(_dir, recursive: true);
        return ValueTask.CompletedTask;
    }

    private string AuditPath => Path.Combine(_dir, "audit.log");

    [Fact]
    public async Task CompletedRun_SlotAndSessionAreFreeWhenExitIsSent()
    {
        await using var audit = new AuditLog(AuditPath, TimeProvider.System);
        ExecService service = CreateService(audit);
        var sink = new OccupancySink(service, AuditPath);

        SessionExit? exit = await service.RunAsync(Sign("echo", "1"), _aliceMachine.Id, sink, CancellationToken.None);

        Assert.Equal(0, exit!.Code);
        Assert.True(sink.ExitSent);
        Assert.Equal(0, sink.TotalAtExit);
        Assert.Equal(0, sink.SessionsAtExit);
        // The slot is given back only after the exit is durable.
        Assert.Equal(["request", "started", "exit"], sink.AuditAtExit);
    }

    [Fact]
    public async Task DenialAfterTheSlotWasTaken_SlotIsFreeWhenExitIsSent()
    {
        // The request event cannot be made durable (audit_failure = deny by default): the denial comes after the
        // slot was acquired.
        ExecService service = CreateService(new RefusingAuditSink());
        var sink = new OccupancySink(service, AuditPath);

        SessionExit? exit = await service.RunAsync(Sign("echo", "1"), _aliceMachine.Id, sink, CancellationToken.None);

        Assert.Equal(DenialReason.AuditUnavailable, exit!.Denial);
        Assert.True(sink.ExitSent);
        Assert.Equal(0, sink.TotalAtExit);
        Assert.Equal(0, sink.SessionsAtExit);
    }

    private static string AuditEventName(string line) =>
        System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("event").GetString()!;

    private ExecService CreateService(IAuditSink audit)
    {
        ExecPolicy policy = AclLoader.Parse($"""
            [exec]
            enabled = true
            audit_log_path = "{AuditPath}"

            [[exec.allow]]
            agent_id = "{_alice.Id}"
            machine_id = "{_aliceMachine.Id}"

            [[exec.allow.commands]]
            argv = ["echo", "<INT>"]

            """, Path.Combine(_dir, "acl.toml"));
        return new ExecService(
            _self.Id, policy, new RequestVerifier(_self.Id, TimeProvider.System), audit, new ExecDiagnostics(TimeProvider.System), TimeProvider.System);
    }

    private SignedRequest Sign(params string[] argv) =>
        new RequestSigner(_alice, AgentBinding.Create(_alice, _aliceMachine.Id)).Sign(new ExecRequest(
            _self.Id, RequestId.NewRandom(), (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), 5000, argv, default, false));

    /// <summary>Records the daemon's slot and session occupancy (and the audit log) at the moment Exit is sent.</summary>
    private sealed class OccupancySink(ExecService service, string auditPath) : ISessionSink
    {
        public bool ExitSent { get; private set; }

        public int TotalAtExit { get; private set; } = -1;

        public int SessionsAtExit { get; private set; } = -1;

        public string[] AuditAtExit { get; private set; } = [];

        public ValueTask SendAsync(RunEvent runEvent, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask SendExitAsync(SessionExit exit, CancellationToken cancellationToken)
        {
            ExitSent = true;
            TotalAtExit = service.Slots.Total;
            SessionsAtExit = service.ActiveSessionCount;
            AuditAtExit = File.Exists(auditPath) ? File.ReadAllLines(auditPath).Select(AuditEventName).ToArray() : [];
            return ValueTask.CompletedTask;
        }
    }

    private sealed class RefusingAuditSink : IAuditSink
    {
        public ValueTask AppendAsync(AuditEvent auditEvent) => ValueTask.FromException(new IOException("refused by the test"));
    }
}
