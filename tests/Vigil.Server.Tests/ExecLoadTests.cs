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
/// Issue 14 fault test: a burst at 10× the concurrency cap. The excess is denied cleanly, the audit log holds exactly
/// the events of what happened (chain intact), the counters agree, and no child is left behind.
/// </summary>
public sealed class ExecLoadTests : IAsyncDisposable
{
    private const int Cap = 4;
    private const int Burst = Cap * 10;

    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-load-").FullName;
    private readonly MachineKey _self = MachineKey.Generate();
    private readonly MachineKey _machine = MachineKey.Generate();
    private readonly AgentKey _agent = AgentKey.Generate();

    private string AuditPath => Path.Combine(_dir, "audit.log");

    public async ValueTask DisposeAsync()
    {
        await Task.CompletedTask;
        _self.Dispose();
        _machine.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task BurstAtTenTimesTheCap_ExcessDenied_AuditMatchesEvents_NoOrphans()
    {
        ExecPolicy policy = AclLoader.Parse($"""
            [exec]
            enabled = true
            audit_log_path = "{AuditPath}"
            max_concurrent_total = {Cap}
            max_concurrent_per_agent = {Cap}

            [[exec.allow]]
            agent_id = "{_agent.Id}"
            machine_id = "{_machine.Id}"

            [[exec.allow.commands]]
            argv = ["sleep", "<INT>"]

            """, Path.Combine(_dir, "acl.toml"));
        var signer = new RequestSigner(_agent, AgentBinding.Create(_agent, _machine.Id));
        SignedRequest[] requests = [.. Enumerable.Range(0, Burst).Select(_ => signer.Sign(new ExecRequest(
            _self.Id, RequestId.NewRandom(), (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), 30_000, ["sleep", "1"], default, false)))];

        var pids = new System.Collections.Concurrent.ConcurrentBag<int>();
        SessionExit?[] exits;
        ExecService service;
        await using (var audit = new AuditLog(AuditPath, TimeProvider.System))
        {
            service = new ExecService(_self.Id, policy, new RequestVerifier(_self.Id, TimeProvider.System), audit, new ExecDiagnostics(TimeProvider.System), TimeProvider.System);
            exits = await Task.WhenAll(requests.Select(r => service.RunAsync(r, _machine.Id, new CountingSink(pids), CancellationToken.None)));
        }

        int ran = exits.Count(e => e!.Denial is null);
        int denied = exits.Count(e => e!.Denial == DenialReason.ConcurrencyLimitReached);
        Assert.Equal(Burst, ran + denied);
        Assert.InRange(ran, 1, Burst - 1);
        Assert.All(exits.Where(e => e!.Denial is null), e => Assert.Equal(0, e!.Code));

        string[] events = [.. File.ReadAllLines(AuditPath).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("event").GetString()!)];
        Assert.Equal((ran, ran, ran, denied), (events.Count(e => e == "request"), events.Count(e => e == "started"), events.Count(e => e == "exit"), events.Count(e => e == "denial")));
        Assert.Equal(3 * ran + denied, events.Length);
        Assert.Equal(AuditVerificationStatus.Intact, AuditVerifier.Verify(AuditPath).Status);

        Assert.Equal((0, 0), (service.Slots.Total, service.ActiveSessionCount));
        Assert.Equal(ran, pids.Count);
        Assert.All(pids, pid => Assert.False(File.Exists($"/proc/{pid}/cmdline") && !IsZombie(pid), $"pid {pid} outlived its session"));
        DiagnosticsTotals totals = service.Diagnostics().Totals;
        Assert.Equal((Burst, ran, denied), ((int)totals.RequestsReceived, (int)totals.RequestsAllowed, (int)totals.RequestsDenied));
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[stat.LastIndexOf(')') + 2] == 'Z';
        }
        catch (IOException)
        {
            return true;
        }
    }

    private sealed class CountingSink(System.Collections.Concurrent.ConcurrentBag<int> pids) : ISessionSink
    {
        public ValueTask SendAsync(RunEvent runEvent, CancellationToken cancellationToken)
        {
            if (runEvent is RunStarted s)
            {
                pids.Add(s.Pid);
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask SendExitAsync(SessionExit exit, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
