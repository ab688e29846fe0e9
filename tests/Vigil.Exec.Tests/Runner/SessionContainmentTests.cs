using System.Globalization;
using System.Text;
using Vigil.Exec.Runner;
using static Vigil.Exec.Tests.Runner.RunnerFixture;
using static Vigil.Exec.Tests.Shared.ProcessWatch;

namespace Vigil.Exec.Tests.Runner;

/// <summary>
/// Issue 14 item 6: a descendant that leaves the session's process group (setsid) still ends with the session.
/// These need a writable cgroup v2 hierarchy (CI runs as root); <see cref="SessionCgroup.IsAvailable"/> says why not.
/// </summary>
public sealed class SessionContainmentTests
{
    private static int FirstPid(List<RunEvent> events) =>
        int.Parse(Encoding.ASCII.GetString(events.OutputBytes(OutputStream.Stdout)).Split('\n')[0].Trim(), CultureInfo.InvariantCulture);

    private static void KillIfAlive(int pid)
    {
        if (pid > 0 && IsAlive(pid))
        {
            System.Diagnostics.Process.GetProcessById(pid).Kill();
        }
    }

    [Fact]
    public void CgroupsAreUsableHere()
    {
        Assert.True(SessionCgroup.IsAvailable, "no writable cgroup v2 hierarchy: " + SessionCgroup.Unavailable);
    }

    [Fact]
    public async Task SetsidDescendant_DiesWhenTheSessionEnds()
    {
        // The shell exits at once; the escaped sleep has its own session and no pipe, so nothing holds the run open.
        CommandRun run = Start(Limits(), "sh", "-c", "setsid sleep 300 </dev/null >/dev/null 2>&1 & echo $!");
        Collected c = await CollectAsync(run);
        int escaped = FirstPid(c.Events);
        try
        {
            Assert.Equal(0, c.Result.Code);
            await WaitUntilAsync(() => !IsAlive(escaped), "the setsid descendant to die with its session");
        }
        finally
        {
            KillIfAlive(escaped);
        }
    }

    [Fact]
    public async Task SetsidDescendantHoldingThePipe_DiesOnCancel()
    {
        CommandRun run = Start(Limits(), "sh", "-c", "setsid sleep 300 & echo $!; wait");
        int escaped = 0;
        try
        {
            Collected c = await CollectAsync(run, e =>
            {
                if (e is RunOutput && escaped == 0)
                {
                    escaped = FirstPid([e]);
                    run.Cancel(CancelReason.ExplicitCancel);
                }
            });

            Assert.Equal(CancelReason.ExplicitCancel, c.Result.Cancelled);
            await WaitUntilAsync(() => !IsAlive(escaped), "the setsid descendant to die on cancel");
        }
        finally
        {
            KillIfAlive(escaped);
        }
    }

    [Fact]
    public async Task DoubleForkedDaemon_DiesWhenTheSessionEnds()
    {
        // The classic daemonise: fork, setsid, fork again, parent exits; the survivor is adopted by init.
        CommandRun run = Start(
            Limits(),
            "sh", "-c", "setsid sh -c 'sleep 300 </dev/null >/dev/null 2>&1 & echo $!' </dev/null");
        Collected c = await CollectAsync(run);
        int escaped = FirstPid(c.Events);
        try
        {
            await WaitUntilAsync(() => !IsAlive(escaped), "the double-forked descendant to die with its session");
        }
        finally
        {
            KillIfAlive(escaped);
        }
    }
}
