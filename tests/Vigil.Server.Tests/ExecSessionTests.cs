using System.Globalization;
using System.Text;
using System.Text.Json;
using Vigil.Client.Contract;
using Vigil.Exec;
using Vigil.Exec.Identity;
using Vigil.Exec.Runner;
using Vigil.Client;
using static Vigil.Exec.Tests.Shared.ProcessWatch;
using static Vigil.Server.Tests.ExecTestHost;

namespace Vigil.Server.Tests;

/// <summary>Caps, duration, cancel, disconnect, concurrency and shutdown through the daemon, with real children.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ExecSessionTests
{
    [Fact]
    public async Task OutputPastCap_TruncatedWarnedOnceCountedExactly_NotKilled_TailReturned()
    {
        await using ExecTestHost host = await ExecTestHost.StartAsync("max_stdout_bytes = 1048576\nwarn_stdout_bytes = 524288");
        using ExecClient alice = host.ClientFor(host.Alice);
        const string marker = "END-OF-OUTPUT-MARKER";

        Run run = await RunAsync(alice, host.Script("flood.sh"));

        Assert.Null(run.Exit.Denial);
        Assert.Equal(0, run.Exit.Code);
        Assert.Null(run.Exit.Signal);
        Assert.True(run.Exit.Truncated);
        Assert.Equal((64L << 20) + marker.Length, run.Exit.StdoutBytesTotal);
        Assert.Equal(1 << 20, run.Bytes(OutputStream.Stdout).Length);
        Assert.Single(run.Warnings, w => w.Kind == WarningKind.StdoutCapHit);
        Assert.Single(run.Warnings, w => w.Kind == WarningKind.StdoutApproachingCap);
        Assert.Equal(4096, run.Exit.StdoutTail.Length);
        Assert.Equal(marker, Encoding.ASCII.GetString(run.Exit.StdoutTail[^marker.Length..]));

        JsonElement totals = host.Diagnostics().GetProperty("totals");
        Assert.Equal(1, totals.GetProperty("cap_breaches").GetProperty("stdout").GetInt64());
        Assert.Equal(1, totals.GetProperty("cap_warnings").GetProperty("stdout_cap_hit").GetInt64());
        var audit = host.AuditEvents();
        JsonElement exit = audit.Single(e => e.GetProperty("event").GetString() == "exit");
        Assert.True(exit.GetProperty("truncated").GetBoolean());
        Assert.Equal((64L << 20) + marker.Length, exit.GetProperty("stdout_bytes").GetInt64());
        Assert.Contains(audit, e => e.GetProperty("event").GetString() == "warning" && e.GetProperty("kind").GetString() == "stdout_cap_hit");
        host.AssertAuditIntact();
    }

    [Fact]
    public async Task SigtermIgnoringCommand_IsKilledAtDurationCap_WithItsGrandchild()
    {
        await using ExecTestHost host = await ExecTestHost.StartAsync();
        using ExecClient alice = host.ClientFor(host.Alice);
        int grandchild = 0;

        // timeout 2 s => cap 2 s; SIGTERM at cap - lead (1.5 s), ignored; SIGKILL at 2 s.
        Run run = await RunAsync(alice, alice.Sign([host.Script("stubborn.sh")], default, 2000), e =>
        {
            if (e is RunOutput o && grandchild == 0)
            {
                grandchild = int.Parse(Encoding.ASCII.GetString(o.Data).Trim(), CultureInfo.InvariantCulture);
            }

            return ValueTask.CompletedTask;
        });

        Assert.Equal(9, run.Exit.Signal);
        Assert.Contains(run.Warnings, w => w.Kind == WarningKind.DurationApproachingCap && w.Message == "duration cap reached; sent SIGTERM");
        Assert.NotEqual(0, grandchild);
        await WaitUntilAsync(() => !IsAlive(grandchild), "grandchild gone");
        JsonElement exit = host.AuditEvents().Single(e => e.GetProperty("event").GetString() == "exit");
        Assert.Equal(9, exit.GetProperty("signal").GetInt32());
    }

    [Fact]
    public async Task CancelFrame_EndsCommandAndGrandchild()
    {
        await using ExecTestHost host = await ExecTestHost.StartAsync();
        using ExecClient alice = host.ClientFor(host.Alice);
        using var cancel = new CancellationTokenSource();
        int grandchild = 0;
        int child = 0;

        Run run = await RunAsync(alice, alice.Sign([host.Script("parent.sh")], default, 60_000), e =>
        {
            if (e is RunStarted s)
            {
                child = s.Pid;
            }

            if (e is RunOutput o && grandchild == 0)
            {
                grandchild = int.Parse(Encoding.ASCII.GetString(o.Data).Trim(), CultureInfo.InvariantCulture);
                cancel.Cancel();
            }

            return ValueTask.CompletedTask;
        }, cancel.Token);

        Assert.Equal(15, run.Exit.Signal);
        Assert.Contains(run.Warnings, w => w.Kind == WarningKind.Cancelled);
        await WaitUntilAsync(() => !IsAlive(grandchild) && !IsAlive(child), "child and grandchild gone");
        Assert.Equal(1, host.Diagnostics().GetProperty("totals").GetProperty("sessions_cancelled").GetInt64());
        Assert.Equal(0, host.Daemon.Exec.Slots.Total);
    }

    [Fact]
    public async Task OutOfBandCancel_OnlyForTheOwningAgent()
    {
        await using ExecTestHost host = await ExecTestHost.StartAsync();
        using ExecClient alice = host.ClientFor(host.Alice);
        using ExecClient charlie = host.ClientFor(host.Charlie);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var request = alice.Sign([host.Script("parent.sh")], default, 60_000);

        Task<Run> running = RunAsync(alice, request, e =>
        {
            if (e is RunOutput)
            {
                started.TrySetResult();
            }

            return ValueTask.CompletedTask;
        });
        await started.Task.WaitAsync(Patience);

        using (JsonDocument listed = JsonDocument.Parse(await alice.SessionsJsonAsync()))
        {
            JsonElement session = Assert.Single(listed.RootElement.GetProperty("active_servers").EnumerateArray());
            Assert.Equal(request.Request.RequestId.ToString(), session.GetProperty("request_id").GetString());
            Assert.Equal(host.Alice.AgentId.ToString(), session.GetProperty("agent_id").GetString());
            Assert.Equal(host.Script("parent.sh"), session.GetProperty("argv_summary").GetString());
        }

        Assert.False(await charlie.CancelAsync(request.Request.RequestId));
        Assert.True(await alice.CancelAsync(request.Request.RequestId));
        Run run = await running;
        Assert.Equal(15, run.Exit.Signal);
    }

    [Fact]
    public async Task ClientDisconnect_EndsCommandAndGrandchild_AndAuditsExit()
    {
        await using ExecTestHost host = await ExecTestHost.StartAsync();
        using ExecClient alice = host.ClientFor(host.Alice);
        using var abort = new CancellationTokenSource();
        int grandchild = 0;
        int child = 0;

        await Assert.ThrowsAnyAsync<Exception>(() => alice.RunAsync(alice.Sign([host.Script("parent.sh")], default, 60_000), e =>
        {
            if (e is RunStarted s)
            {
                child = s.Pid;
            }

            if (e is RunOutput o && grandchild == 0)
            {
                grandchild = int.Parse(Encoding.ASCII.GetString(o.Data).Trim(), CultureInfo.InvariantCulture);
                abort.Cancel();
            }

            return ValueTask.CompletedTask;
        }, abort: abort.Token).WaitAsync(Patience));

        await WaitUntilAsync(() => !IsAlive(grandchild) && !IsAlive(child), "child and grandchild gone");
        await WaitUntilAsync(() => host.Daemon.Exec.ActiveSessionCount == 0 && host.Daemon.Exec.Slots.Total == 0, "session closed");
        await WaitUntilAsync(() => host.AuditEvents().Any(e => e.GetProperty("event").GetString() == "exit"), "exit audited");
        Assert.Contains(host.AuditEvents(), e => e.GetProperty("event").GetString() == "warning" && e.GetProperty("kind").GetString() == "peer_disconnected");
        host.AssertAuditIntact();
    }

    [Fact]
    public async Task ConcurrencyCapPlusOne_IsDenied_AndSlotsAllFreeAfterwards()
    {
        // The host ACL sets max_concurrent_per_agent = 2.
        await using ExecTestHost host = await ExecTestHost.StartAsync();
        using ExecClient alice = host.ClientFor(host.Alice);
        using var cancel = new CancellationTokenSource();
        int running = 0;
        var bothRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ValueTask OnEvent(RunEvent e)
        {
            if (e is RunOutput && Interlocked.Increment(ref running) == 2)
            {
                bothRunning.TrySetResult();
            }

            return ValueTask.CompletedTask;
        }

        Task<Run> first = RunAsync(alice, alice.Sign([host.Script("parent.sh")], default, 60_000), OnEvent, cancel.Token);
        Task<Run> second = RunAsync(alice, alice.Sign([host.Script("parent.sh")], default, 60_000), OnEvent, cancel.Token);
        await bothRunning.Task.WaitAsync(Patience);

        Run third = await RunAsync(alice, "echo", "3");
        Assert.Equal(DenialReason.ConcurrencyLimitReached, third.Exit.Denial);
        Assert.Equal(2, host.Daemon.Exec.Slots.CountFor(host.Alice.AgentId.ToString()));

        cancel.Cancel();
        await Task.WhenAll(first, second);
        Assert.Equal(0, host.Daemon.Exec.Slots.Total);
        Run fourth = await RunAsync(alice, "echo", "4");
        Assert.Equal("4\n", fourth.Text(OutputStream.Stdout));
        Assert.Equal(0, host.Daemon.Exec.Slots.Total);
    }

    [Fact]
    public async Task OrderlyShutdown_KillsRunningGroups_AuditsExits_ChainVerifies()
    {
        ExecTestHost host = await ExecTestHost.StartAsync();
        var pids = new List<int>();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using ExecClient alice = host.ClientFor(host.Alice);
        ValueTask OnEvent(RunEvent e)
        {
            lock (pids)
            {
                if (e is RunStarted s)
                {
                    pids.Add(s.Pid);
                }

                if (e is RunOutput o)
                {
                    pids.Add(int.Parse(Encoding.ASCII.GetString(o.Data).Trim(), CultureInfo.InvariantCulture));
                    if (pids.Count == 4)
                    {
                        started.TrySetResult();
                    }
                }
            }

            return ValueTask.CompletedTask;
        }

        Task<SessionExitOrError> a = Capture(alice.RunAsync(alice.Sign([host.Script("parent.sh")], default, 60_000), OnEvent));
        Task<SessionExitOrError> b = Capture(alice.RunAsync(alice.Sign([host.Script("parent.sh")], default, 60_000), OnEvent));
        await started.Task.WaitAsync(Patience);

        await host.Daemon.StopAsync().WaitAsync(Patience);
        await Task.WhenAll(a, b).WaitAsync(Patience);

        foreach (int pid in pids)
        {
            await WaitUntilAsync(() => !IsAlive(pid), "process " + pid.ToString(CultureInfo.InvariantCulture) + " gone");
        }

        Assert.Equal(2, host.AuditEvents().Count(e => e.GetProperty("event").GetString() == "exit"));
        host.AssertAuditIntact();
        Assert.Equal(0, host.Daemon.Exec.ActiveSessionCount);
        Assert.Equal(0, host.Daemon.Exec.Slots.Total);
        await host.DisposeAsync();
    }

    private sealed record SessionExitOrError(Vigil.Exec.Sessions.SessionExit? Exit, Exception? Error);

    private static async Task<SessionExitOrError> Capture(Task<Vigil.Exec.Sessions.SessionExit> task)
    {
        try
        {
            return new SessionExitOrError(await task, null);
        }
        catch (Exception ex)
        {
            return new SessionExitOrError(null, ex);
        }
    }
}
