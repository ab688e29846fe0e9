using System.Diagnostics;
using System.Text.Json;
using Vigil.Exec;
using Vigil.Exec.Audit;
using Vigil.Exec.Diagnostics;
using Vigil.Exec.Identity;
using Vigil.Exec.Policy;
using Vigil.Exec.Runner;
using Vigil.Exec.Sessions;

namespace Vigil.Server.Tests;

/// <summary>
/// The exec core without a transport: what is durable in the audit log at the moment each frame is sent
/// (request before the child exists, denial before the refusal, exit before Exit).
/// </summary>
public sealed class ExecServiceOrderingTests : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-order-").FullName;
    private readonly MachineKey _self = MachineKey.Generate();
    private readonly MachineKey _aliceMachine = MachineKey.Generate();
    private readonly AgentKey _alice = AgentKey.Generate();
    private readonly AuditLog _audit;
    private readonly ExecPolicy _policy;
    private readonly ExecService _service;

    public ExecServiceOrderingTests()
    {
        _audit = new AuditLog(AuditPath, TimeProvider.System);
        _policy = AclLoader.Parse($"""
            [exec]
            enabled = true
            audit_log_path = "{AuditPath}"

            [[exec.allow]]
            agent_id = "{_alice.Id}"
            machine_id = "{_aliceMachine.Id}"

            [[exec.allow.commands]]
            argv = ["echo", "<INT>"]

            """, Path.Combine(_dir, "acl.toml"));
        _service = new ExecService(
            _self.Id, _policy, new RequestVerifier(_self.Id, TimeProvider.System), _audit, new ExecDiagnostics(TimeProvider.System), TimeProvider.System);
    }

    private string AuditPath => Path.Combine(_dir, "audit.log");

    public async ValueTask DisposeAsync()
    {
        await _audit.DisposeAsync();
        _self.Dispose();
        _aliceMachine.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private SignedRequest Sign(params string[] argv) => Sign(_alice, _aliceMachine, argv);

    private SignedRequest Sign(AgentKey agent, MachineKey machine, params string[] argv) =>
        new RequestSigner(agent, AgentBinding.Create(agent, machine.Id)).Sign(new ExecRequest(
            _self.Id, RequestId.NewRandom(), (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), 5000, argv, default, false));

    [Fact]
    public async Task StrangersCannotFillTheReplayCache()
    {
        // A stranger's self-made keys and binding verify, but its pair is not in the ACL: its request ids must not
        // take room in the replay cache, which fails closed (replayed_request) for everyone once full.
        var verifier = new RequestVerifier(_self.Id, TimeProvider.System, new RequestVerifierOptions { ReplayCacheCapacity = 2 });
        var service = new ExecService(_self.Id, _policy, verifier, _audit, new ExecDiagnostics(TimeProvider.System), TimeProvider.System);
        using var strangerMachine = MachineKey.Generate();
        AgentKey stranger = AgentKey.Generate();
        for (int i = 0; i < 3; i++)
        {
            SessionExit? denied = await service.RunAsync(Sign(stranger, strangerMachine, "echo", "1"), strangerMachine.Id, new SnapshotSink(AuditPath), CancellationToken.None);
            Assert.Equal(DenialReason.AgentMachineNotInAcl, denied!.Denial);
        }

        SignedRequest signed = Sign("echo", "1");
        SessionExit? ran = await service.RunAsync(signed, _aliceMachine.Id, new SnapshotSink(AuditPath), CancellationToken.None);
        Assert.Null(ran!.Denial);
        Assert.Equal(0, ran.Code);

        // The ACL's own pairs are still replay-checked.
        SessionExit? replayed = await service.RunAsync(signed, _aliceMachine.Id, new SnapshotSink(AuditPath), CancellationToken.None);
        Assert.Equal(DenialReason.ReplayedRequest, replayed!.Denial);
    }

    [Fact]
    public async Task RequestIsDurableBeforeStarted_ExitIsDurableBeforeExit()
    {
        var sink = new SnapshotSink(AuditPath);
        SessionExit? exit = await _service.RunAsync(Sign("echo", "1"), _aliceMachine.Id, sink, CancellationToken.None);

        Assert.Equal(0, exit!.Code);
        // "started" itself may already be on disk too (it is queued before the frame is sent); "exit" cannot be.
        Assert.Equal("request", sink.AtStarted![0]);
        Assert.DoesNotContain("exit", sink.AtStarted);
        Assert.Equal("exit", sink.AtExit![^1]);
        Assert.Contains("request", sink.AtExit);
        Assert.Contains("started", sink.AtExit);
    }

    [Fact]
    public async Task RequestIsAuditedBeforeTheChildExists_AndAFailedRequestAuditSpawnsNothing()
    {
        // design/exec.md "Audit": the request event is durable before spawn, and with audit_failure = "deny" a request
        // whose event cannot be made durable never spawns. The sink looks for the child at the moment the request
        // event arrives (the argument makes its command line unique on this machine), then refuses to record it.
        const string Marker = "654321";
        var sink = new ProbingAuditSink(Marker);
        ExecPolicy policy = AclLoader.Parse($"""
            [exec]
            enabled = true
            audit_log_path = "{AuditPath}"

            [[exec.allow]]
            agent_id = "{_alice.Id}"
            machine_id = "{_aliceMachine.Id}"

            [[exec.allow.commands]]
            argv = ["sleep", "<INT>"]

            """, Path.Combine(_dir, "acl-sleep.toml"));
        var service = new ExecService(
            _self.Id, policy, new RequestVerifier(_self.Id, TimeProvider.System), sink, new ExecDiagnostics(TimeProvider.System), TimeProvider.System);

        try
        {
            SessionExit? exit = await service.RunAsync(Sign("sleep", Marker), _aliceMachine.Id, new SnapshotSink(AuditPath), CancellationToken.None);

            Assert.Equal(DenialReason.AuditUnavailable, exit!.Denial);
            Assert.Equal(["request", "denial"], sink.Seen);
            Assert.NotNull(sink.ChildrenAtRequest);
            Assert.Empty(sink.ChildrenAtRequest);
            Assert.Empty(ProbingAuditSink.Find(Marker));
        }
        finally
        {
            foreach (int pid in ProbingAuditSink.Find(Marker))
            {
                Process.GetProcessById(pid).Kill();
            }
        }
    }

    [Fact]
    public async Task CompletedRun_SlotAndSessionAreFreeWhenExitIsSent()
    {
        // A caller at its limit that sends its next request the moment it sees Exit must not be refused with
        // concurrency_limit_reached: the slot and the session entry are given back before Exit, after the exit is durable.
        var sink = new OccupancySink(_service, AuditPath);

        SessionExit? exit = await _service.RunAsync(Sign("echo", "1"), _aliceMachine.Id, sink, CancellationToken.None);

        Assert.Equal(0, exit!.Code);
        Assert.True(sink.ExitSent);
        Assert.Equal(0, sink.TotalAtExit);
        Assert.Equal(0, sink.SessionsAtExit);
        Assert.Equal(["request", "started", "exit"], sink.AuditAtExit);
    }

    [Fact]
    public async Task DenialAfterTheSlotWasTaken_SlotIsFreeWhenExitIsSent()
    {
        // The request event cannot be made durable (audit_failure = deny by default): the denial comes after the
        // slot was acquired.
        var service = new ExecService(
            _self.Id, _policy, new RequestVerifier(_self.Id, TimeProvider.System), new RefusingAuditSink(), new ExecDiagnostics(TimeProvider.System), TimeProvider.System);
        var sink = new OccupancySink(service, AuditPath);

        SessionExit? exit = await service.RunAsync(Sign("echo", "1"), _aliceMachine.Id, sink, CancellationToken.None);

        Assert.Equal(DenialReason.AuditUnavailable, exit!.Denial);
        Assert.True(sink.ExitSent);
        Assert.Equal(0, sink.TotalAtExit);
        Assert.Equal(0, sink.SessionsAtExit);
    }

    [Fact]
    public async Task DenialIsDurableBeforeItIsAnswered()
    {
        var sink = new SnapshotSink(AuditPath);
        SessionExit? exit = await _service.RunAsync(Sign("echo", "nope"), _aliceMachine.Id, sink, CancellationToken.None);

        Assert.Equal(DenialReason.ArgvNotAllowed, exit!.Denial);
        Assert.Equal(["denial"], sink.AtExit!);
        Assert.Null(sink.AtStarted);
    }

    [Fact]
    public async Task AfterShutdown_NewRequestsAreNotAdmitted()
    {
        await _service.ShutdownAsync(TimeSpan.FromSeconds(5));
        var sink = new SnapshotSink(AuditPath);
        Assert.Null(await _service.RunAsync(Sign("echo", "1"), _aliceMachine.Id, sink, CancellationToken.None));
        Assert.Null(sink.AtExit);
    }

    /// <summary>Refuses every event; on the request event, notes which processes run <c>sleep MARKER</c>.</summary>
    private sealed class ProbingAuditSink(string marker) : IAuditSink
    {
        public List<string> Seen { get; } = [];

        public int[]? ChildrenAtRequest { get; private set; }

        public ValueTask AppendAsync(AuditEvent auditEvent)
        {
            lock (Seen)
            {
                Seen.Add(auditEvent.Name);
                if (auditEvent is AuditRequestEvent)
                {
                    ChildrenAtRequest = Find(marker);
                }
            }

            return ValueTask.FromException(new IOException("refused by the test"));
        }

        /// <summary>Pids whose command line is exactly <c>sleep MARKER</c>.</summary>
        public static int[] Find(string marker)
        {
            string wanted = "sleep\0" + marker + "\0";
            var found = new List<int>();
            foreach (string dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int pid))
                {
                    continue;
                }

                try
                {
                    if (File.ReadAllText(Path.Combine(dir, "cmdline")) == wanted)
                    {
                        found.Add(pid);
                    }
                }
                catch (IOException)
                {
                    // The process ended while we looked.
                }
                catch (UnauthorizedAccessException)
                {
                    // Not ours to look at, so not the child either.
                }
            }

            return [.. found];
        }
    }

    /// <summary>Records which audit events were on disk when Started and Exit were sent.</summary>
    private sealed class SnapshotSink(string auditPath) : ISessionSink
    {
        public string[]? AtStarted { get; private set; }

        public string[]? AtExit { get; private set; }

        public ValueTask SendAsync(RunEvent runEvent, CancellationToken cancellationToken)
        {
            if (runEvent is RunStarted)
            {
                AtStarted = Events();
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask SendExitAsync(SessionExit exit, CancellationToken cancellationToken)
        {
            AtExit = Events();
            return ValueTask.CompletedTask;
        }

        private string[] Events() => File.Exists(auditPath)
            ? File.ReadAllLines(auditPath).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("event").GetString()!).ToArray()
            : [];
    }

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
            AuditAtExit = File.Exists(auditPath)
                ? File.ReadAllLines(auditPath).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("event").GetString()!).ToArray()
                : [];
            return ValueTask.CompletedTask;
        }
    }

    private sealed class RefusingAuditSink : IAuditSink
    {
        public ValueTask AppendAsync(AuditEvent auditEvent) => ValueTask.FromException(new IOException("refused by the test"));
    }
}
