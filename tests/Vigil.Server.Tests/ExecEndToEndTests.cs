using System.Text.Json;
using Vigil.Client.Contract;
using Vigil.Exec;
using Vigil.Exec.Identity;
using Vigil.Exec.Runner;
using Vigil.Client;
using static Vigil.Server.Tests.ExecTestHost;

namespace Vigil.Server.Tests;

/// <summary>Reference §12.10 scenario with three identities: bob serves, alice is allowed, charlie is not.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ExecEndToEndTests
{
    [Fact]
    public async Task ThreeIdentities_AllowDenyAuditAndCountersAgree()
    {
        await using ExecTestHost host = await ExecTestHost.StartAsync();
        using ExecClient alice = host.ClientFor(host.Alice);
        using ExecClient charlie = host.ClientFor(host.Charlie);

        Run echo = await RunAsync(alice, "echo", "42");
        Assert.Null(echo.Exit.Denial);
        Assert.Equal(0, echo.Exit.Code);
        Assert.Equal("42\n", echo.Text(OutputStream.Stdout));
        Assert.IsType<RunStarted>(echo.Events[0]);

        Run hello = await RunAsync(alice, "echo", "hello");
        Assert.Equal(DenialReason.ArgvNotAllowed, hello.Exit.Denial);
        Assert.Null(hello.Exit.Code);
        Assert.Empty(hello.Events);

        Run meta = await RunAsync(alice, "echo", "99", ";", "ls");
        Assert.Equal(DenialReason.ShellMetacharInArgv, meta.Exit.Denial);

        Run rm = await RunAsync(alice, "rm", "-rf", "/");
        Assert.Equal(DenialReason.ArgvNotAllowed, rm.Exit.Denial);

        Run path = await RunAsync(alice, "printenv", "PATH");
        Assert.Equal(0, path.Exit.Code);
        Assert.Equal("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n", path.Text(OutputStream.Stdout));

        Run charlieEcho = await RunAsync(charlie, "echo", "42");
        Assert.Equal(DenialReason.AgentMachineNotInAcl, charlieEcho.Exit.Denial);

        // Alice's agent key copied to charlie's machine: her binding names her machine, not charlie's TLS identity.
        using (ExecClient thief = CopyAgentTo(host, host.Alice, host.Charlie, rebind: false))
        {
            Run copied = await RunAsync(thief, "echo", "42");
            Assert.Equal(DenialReason.UnverifiedSender, copied.Exit.Denial);
        }

        // Even re-bound to charlie's machine, the pair (alice agent, charlie machine) is not in the ACL.
        using (ExecClient thief = CopyAgentTo(host, host.Alice, host.Charlie, rebind: true))
        {
            Run copied = await RunAsync(thief, "echo", "42");
            Assert.Equal(DenialReason.AgentMachineNotInAcl, copied.Exit.Denial);
        }

        // Audit: every request and outcome, in a chain that verifies.
        IReadOnlyList<JsonElement> audit = host.AuditEvents();
        host.AssertAuditIntact();
        Assert.Equal(2, audit.Count(e => e.GetProperty("event").GetString() == "request"));
        Assert.Equal(2, audit.Count(e => e.GetProperty("event").GetString() == "started"));
        Assert.Equal(2, audit.Count(e => e.GetProperty("event").GetString() == "exit"));
        string[] denials = audit.Where(e => e.GetProperty("event").GetString() == "denial").Select(e => e.GetProperty("reason").GetString()!).ToArray();
        Assert.Equal(
            ["argv_not_allowed", "shell_metachar_in_argv", "argv_not_allowed", "agent_machine_not_in_acl", "unverified_sender", "agent_machine_not_in_acl"],
            denials);
        JsonElement firstRequest = audit.First(e => e.GetProperty("event").GetString() == "request");
        Assert.Equal(host.Alice.AgentId.ToString(), firstRequest.GetProperty("agent_id").GetString());
        Assert.Equal(host.Alice.MachineId.ToString(), firstRequest.GetProperty("machine_id").GetString());
        Assert.Equal("alice e2e", firstRequest.GetProperty("matched_acl").GetString());
        Assert.Equal(["echo", "42"], firstRequest.GetProperty("argv").EnumerateArray().Select(a => a.GetString()));

        // Diagnostics agree with what happened: 8 requests, 2 allowed, 6 denied.
        JsonElement totals = host.Diagnostics().GetProperty("totals");
        Assert.Equal(8, totals.GetProperty("requests_received").GetInt64());
        Assert.Equal(2, totals.GetProperty("requests_allowed").GetInt64());
        Assert.Equal(6, totals.GetProperty("requests_denied").GetInt64());
        Assert.Equal(2, totals.GetProperty("sessions_started").GetInt64());
        Assert.Equal(2, totals.GetProperty("sessions_completed").GetInt64());
        JsonElement breakdown = totals.GetProperty("denial_breakdown");
        Assert.Equal(2, breakdown.GetProperty("argv_not_allowed").GetInt64());
        Assert.Equal(1, breakdown.GetProperty("shell_metachar_in_argv").GetInt64());
        Assert.Equal(2, breakdown.GetProperty("agent_machine_not_in_acl").GetInt64());
        Assert.Equal(1, breakdown.GetProperty("unverified_sender").GetInt64());
        Assert.Equal(0, host.Daemon.Exec.Slots.Total);
    }

    [Fact]
    public async Task AdminSocket_ServesDiagnosticsAndSessions_AndIsPrivate()
    {
        await using ExecTestHost host = await ExecTestHost.StartAsync();
        using ExecClient alice = host.ClientFor(host.Alice);
        await RunAsync(alice, "echo", "7");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(host.Daemon.AdminSocketPath) & (UnixFileMode)0x1FF);
        using var admin = new AdminClient(host.Daemon.AdminSocketPath);
        JsonElement diag = JsonDocument.Parse(await admin.DiagnosticsJsonAsync()).RootElement;
        Assert.True(diag.GetProperty("enabled").GetBoolean());
        Assert.Equal(1, diag.GetProperty("totals").GetProperty("requests_allowed").GetInt64());
        JsonElement sessions = JsonDocument.Parse(await admin.SessionsJsonAsync()).RootElement;
        Assert.Equal(0, sessions.GetProperty("active_servers").GetArrayLength());

        // Remote diagnostics for a pair with diagnostics = true.
        JsonElement remote = JsonDocument.Parse(await alice.DiagnosticsJsonAsync()).RootElement;
        Assert.Equal(1, remote.GetProperty("totals").GetProperty("requests_received").GetInt64());
    }

    [Fact]
    public async Task RemoteDiagnostics_RefusedWithoutDiagnosticsFlag()
    {
        await using ExecTestHost host = await ExecTestHost.StartAsync();
        using ExecClient charlie = host.ClientFor(host.Charlie);
        var ex = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => charlie.DiagnosticsJsonAsync());
        Assert.Equal(Grpc.Core.StatusCode.PermissionDenied, ex.StatusCode);
    }

    [Fact]
    public async Task Metrics_ServedOnlyOnMetricsListener()
    {
        await using ExecTestHost host = await ExecTestHost.StartAsync();
        using var http = new HttpClient();
        string text = await http.GetStringAsync(new Uri($"http://127.0.0.1:{host.Daemon.MetricsEndPoint!.Port}/metrics"));
        Assert.Contains("requests_received", text, StringComparison.Ordinal);
        using HttpResponseMessage admin = await http.GetAsync(new Uri($"http://127.0.0.1:{host.Daemon.MetricsEndPoint!.Port}/admin/diagnostics"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, admin.StatusCode);
    }

    [Fact]
    public async Task WrongServerPin_FailsTheHandshake()
    {
        await using ExecTestHost host = await ExecTestHost.StartAsync();
        using var wrong = new ExecClient(host.Alice, "127.0.0.1", host.Daemon.ListenEndPoint.Port, host.Charlie.MachineId);
        await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => wrong.RunAsync(wrong.Sign(["echo", "1"], default, 5000)));
        Assert.Equal(0, JsonDocumentTotals(host, "requests_received"));
    }

    internal static long JsonDocumentTotals(ExecTestHost host, string name) =>
        host.Diagnostics().GetProperty("totals").GetProperty(name).GetInt64();

    /// <summary>A client presenting <paramref name="owner"/>'s agent key from <paramref name="victimMachine"/>'s machine key.</summary>
    internal static ExecClient CopyAgentTo(ExecTestHost host, HostIdentity owner, HostIdentity victimMachine, bool rebind)
    {
        MachineKey machine = MachineKey.FromPem(victimMachine.Machine.ExportPem(), "copy");
        AgentKey agent = AgentKey.FromPem(owner.Agent.ExportPem(), "copy");
        ReadOnlyMemory<byte> binding = rebind ? AgentBinding.Create(agent, victimMachine.MachineId) : owner.Binding;
        return new ExecClient(machine, agent, binding, "127.0.0.1", host.Daemon.ListenEndPoint.Port, host.Daemon.Identity.MachineId);
    }
}
