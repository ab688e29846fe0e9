using Vigil.Exec.Runner;
using static Vigil.Exec.Tests.Runner.RunnerFixture;

namespace Vigil.Exec.Tests.Runner;

/// <summary>
/// SIGTERM comes first and the process gets time to act on it (reference §6.5: SIGTERM <c>TermLead</c> before the
/// duration cap, SIGKILL at the cap; on a cancel SIGTERM at once and SIGKILL after the grace). The windows here are
/// deliberately long (20 s) so a child that handles SIGTERM always exits on its own well inside them; the tests
/// finish as soon as it does and never measure time.
/// </summary>
public sealed class CommandRunGraceTests
{
    private static readonly RunTimings LongWindows = new(
        CancelGrace: TimeSpan.FromSeconds(20),
        TermLead: TimeSpan.FromSeconds(20),
        AbandonPipesAfter: TimeSpan.FromSeconds(2),
        TailBytes: 4096);

    // The trap runs as soon as SIGTERM interrupts `wait`; exit code 3 proves the child ended by itself.
    private const string TermHandler = "trap 'echo got-term; exit 3' TERM; echo ready; sleep 300 & wait";

    private static CommandRun StartWithLongWindows(RunLimits limits)
    {
        StartOutcome outcome = CommandRun.Start(new RunRequest(["sh", "-c", TermHandler], default, null, null, limits), LongWindows);
        Assert.Null(outcome.Denial);
        return outcome.Run!;
    }

    [Fact]
    public async Task DurationCap_SendsSigtermBeforeTheCap_AndAChildThatHandlesItIsNotKilled()
    {
        // Cap 21 s with a 20 s lead: SIGTERM at 1 s, SIGKILL only at 21 s.
        Collected c = await CollectAsync(StartWithLongWindows(Limits(durationSecs: 21)));

        Assert.Equal("ready\ngot-term\n", c.Text(OutputStream.Stdout));
        Assert.Equal(3, c.Result.Code);
        Assert.Null(c.Result.Signal);
        Assert.True(c.Result.DurationCapHit);
        Assert.Null(c.Result.Cancelled);
        Assert.Contains(c.Warnings, w => w.Kind == WarningKind.DurationApproachingCap && w.Message == "duration cap reached; sent SIGTERM");
    }

    [Fact]
    public async Task Cancel_SendsSigtermFirst_AndAChildThatHandlesItIsNotKilled()
    {
        CommandRun run = StartWithLongWindows(Limits(durationSecs: 300));
        Collected c = await CollectAsync(run, e =>
        {
            if (e is RunOutput)
            {
                run.Cancel(CancelReason.ExplicitCancel);
            }
        });

        Assert.Equal("ready\ngot-term\n", c.Text(OutputStream.Stdout));
        Assert.Equal(CancelReason.ExplicitCancel, c.Result.Cancelled);
        Assert.Equal(3, c.Result.Code);
        Assert.Null(c.Result.Signal);
        Assert.False(c.Result.DurationCapHit);
    }

    [Fact]
    public async Task Shutdown_KillsAtOnce_WithoutWaitingForTheGrace()
    {
        // Reference §6.5: for Shutdown kill_at = now. The grace here is far longer than the test's patience, so a run
        // that waited for it would never complete in time.
        var noGrace = LongWindows with { CancelGrace = TimeSpan.FromMinutes(10) };
        StartOutcome outcome = CommandRun.Start(
            new RunRequest(["sh", "-c", "trap '' TERM; echo ready; sleep 300 & wait; wait"], default, null, null, Limits(durationSecs: 3600)),
            noGrace);
        CommandRun run = outcome.Run!;
        Collected c = await CollectAsync(run, e =>
        {
            if (e is RunOutput)
            {
                run.Cancel(CancelReason.Shutdown);
            }
        });

        Assert.Equal(CancelReason.Shutdown, c.Result.Cancelled);
        Assert.Equal(9, c.Result.Signal);
    }

    [Fact]
    public async Task KillAfterTheChildExitedByItself_ReportsBothCodeAndSignal9()
    {
        // The child exits 0 at once; a TERM-ignoring grandchild keeps its stdout open until SIGKILL at the cap.
        // Reference §6.5: "if SIGKILL was sent and signal is still empty → signal = 9, even if a code exists".
        CommandRun run = Start(Limits(durationSecs: 1), "sh", "-c", "trap '' TERM; sleep 300 & exit 0");
        Collected c = await CollectAsync(run);

        Assert.Equal(0, c.Result.Code);
        Assert.Equal(9, c.Result.Signal);
        Assert.True(c.Result.DurationCapHit);
    }
}
