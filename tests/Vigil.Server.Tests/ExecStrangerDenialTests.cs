using System.Security.Cryptography;
using System.Text;
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
/// Issue 14 items 4 and 9: a caller whose pair is not in the ACL cannot fill the audit log (its denials are a bounded
/// summary, rate-limited per peer), and a request denied <c>audit_unavailable</c> is counted once, as denied.
/// </summary>
public sealed class ExecStrangerDenialTests : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-stranger-").FullName;
    private readonly MachineKey _self = MachineKey.Generate();
    private readonly MachineKey _aliceMachine = MachineKey.Generate();
    private readonly AgentKey _alice = AgentKey.Generate();
    private readonly AuditLog _audit;
    private readonly ExecPolicy _policy;

    public ExecStrangerDenialTests()
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
    }

    private string AuditPath => Path.Combine(_dir, "audit.log");

    public async ValueTask DisposeAsync()
    {
        await _audit.DisposeAsync();
        _self.Dispose();
        _aliceMachine.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private ExecService Service(IAuditSink audit, ExecDiagnostics diagnostics) =>
        new(_self.Id, _policy, new RequestVerifier(_self.Id, TimeProvider.System), audit, diagnostics, TimeProvider.System);

    private SignedRequest Sign(AgentKey agent, MachineKey machine, params string[] argv) =>
        new RequestSigner(agent, AgentBinding.Create(agent, machine.Id)).Sign(new ExecRequest(
            _self.Id, RequestId.NewRandom(), (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), 5000, argv, default, false));

    private List<JsonElement> AuditLines() =>
        [.. File.ReadAllLines(AuditPath).Select(l => JsonDocument.Parse(l).RootElement.Clone())];

    [Fact]
    public async Task AuditUnavailable_CountsAsDeniedOnly()
    {
        var diagnostics = new ExecDiagnostics(TimeProvider.System);
        ExecService service = Service(new RefusingAuditSink(), diagnostics);

        SessionExit? exit = await service.RunAsync(Sign(_alice, _aliceMachine, "echo", "1"), _aliceMachine.Id, new DiscardingSink(), CancellationToken.None);

        Assert.Equal(DenialReason.AuditUnavailable, exit!.Denial);
        DiagnosticsTotals totals = service.Diagnostics().Totals;
        Assert.Equal((1L, 0L, 1L), (totals.RequestsReceived, totals.RequestsAllowed, totals.RequestsDenied));
        Assert.Equal(1L, totals.Denials(DenialReason.AuditUnavailable));
    }

    [Fact]
    public async Task StrangerWithHugeArgv_IsAuditedAsABoundedSummary()
    {
        ExecService service = Service(_audit, new ExecDiagnostics(TimeProvider.System));
        using var strangerMachine = MachineKey.Generate();
        AgentKey stranger = AgentKey.Generate();
        string[] argv = ["echo", new string('x', 200_000), "tail"];

        SessionExit? exit = await service.RunAsync(Sign(stranger, strangerMachine, argv), strangerMachine.Id, new DiscardingSink(), CancellationToken.None);

        Assert.Equal(DenialReason.AgentMachineNotInAcl, exit!.Denial);
        Assert.True(new FileInfo(AuditPath).Length < 4096, $"audit log is {new FileInfo(AuditPath).Length} bytes");
        JsonElement denial = Assert.Single(AuditLines());
        Assert.Equal("denial", denial.GetProperty("event").GetString());
        Assert.Equal(3, denial.GetProperty("argv_count").GetInt32());
        Assert.Equal(200_008, denial.GetProperty("argv_bytes").GetInt64());
        Assert.Equal(ExpectedDigest(argv), denial.GetProperty("argv_sha256").GetString());
        Assert.StartsWith("echo", denial.GetProperty("argv")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("agent_machine_not_in_acl", denial.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task KnownPairDenial_KeepsTheFullArgv()
    {
        ExecService service = Service(_audit, new ExecDiagnostics(TimeProvider.System));
        string token = new('y', 5000);

        SessionExit? exit = await service.RunAsync(Sign(_alice, _aliceMachine, "echo", token), _aliceMachine.Id, new DiscardingSink(), CancellationToken.None);

        Assert.Equal(DenialReason.ArgvNotAllowed, exit!.Denial);
        JsonElement denial = Assert.Single(AuditLines());
        Assert.Equal(token, denial.GetProperty("argv")[1].GetString());
        Assert.False(denial.TryGetProperty("argv_sha256", out _));
    }

    [Fact]
    public async Task StrangerFlood_IsRateLimitedPerPeer_AndEveryDenialIsStillCounted()
    {
        // The clock stands still, so the budget never refills: exactly the burst is written, however slow the run.
        var frozen = new FrozenTime(DateTimeOffset.UtcNow);
        var diagnostics = new ExecDiagnostics(frozen);
        var service = new ExecService(_self.Id, _policy, new RequestVerifier(_self.Id, frozen), _audit, diagnostics, frozen);
        using var strangerMachine = MachineKey.Generate();
        AgentKey stranger = AgentKey.Generate();
        const int Flood = 200;
        for (int i = 0; i < Flood; i++)
        {
            SessionExit? exit = await service.RunAsync(Sign(stranger, strangerMachine, "echo", new string('z', 10_000)), strangerMachine.Id, new DiscardingSink(), CancellationToken.None);
            Assert.Equal(DenialReason.AgentMachineNotInAcl, exit!.Denial);
        }

        List<JsonElement> lines = AuditLines();
        Assert.Equal(16, lines.Count);
        Assert.Equal(Flood, service.Diagnostics().Totals.RequestsDenied);

        // The legitimate caller is unaffected.
        SessionExit? ran = await service.RunAsync(Sign(_alice, _aliceMachine, "echo", "1"), _aliceMachine.Id, new DiscardingSink(), CancellationToken.None);
        Assert.Equal(0, ran!.Code);
        Assert.Equal(AuditVerificationStatus.Intact, AuditVerifier.Verify(AuditPath).Status);
    }

    private static string ExpectedDigest(IReadOnlyList<string> argv)
    {
        // Tokens as they are signed: u32 LE length then UTF-8, so ["a b"] and ["a", "b"] differ.
        using var stream = new MemoryStream();
        foreach (string token in argv)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(token);
            stream.Write(BitConverter.GetBytes((uint)bytes.Length));
            stream.Write(bytes);
        }

        return Convert.ToHexStringLower(SHA256.HashData(stream.ToArray()));
    }

    /// <summary>A clock that never moves (wall time and timestamps).</summary>
    private sealed class FrozenTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        public override long GetTimestamp() => 0;
    }

    private sealed class DiscardingSink : ISessionSink
    {
        public ValueTask SendAsync(RunEvent runEvent, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask SendExitAsync(SessionExit exit, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    private sealed class RefusingAuditSink : IAuditSink
    {
        public ValueTask AppendAsync(AuditEvent auditEvent) => ValueTask.FromException(new IOException("refused by the test"));
    }
}
