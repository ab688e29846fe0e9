using System.Globalization;
using System.Text;
using Vigil.Exec.Runner;
using static Vigil.Exec.Tests.Runner.RunnerFixture;
using static Vigil.Exec.Tests.Shared.ProcessWatch;

namespace Vigil.Exec.Tests.Runner;

public sealed class CommandRunTests
{
    [Fact]
    public async Task Echo_ForwardsStdoutAndExitsZero()
    {
        Collected c = await CollectAsync(Start(Limits(), "echo", "42"));
        Assert.Equal("42\n", c.Text(OutputStream.Stdout));
        Assert.Equal(0, c.Result.Code);
        Assert.Null(c.Result.Signal);
        Assert.Equal(3, c.Result.StdoutBytesTotal);
        Assert.False(c.Result.Truncated);
        Assert.IsType<RunStarted>(c.Events[0]);
    }

    [Fact]
    public async Task NonZeroExitCode_IsReported()
    {
        Collected c = await CollectAsync(Start(Limits(), "sh", "-c", "echo oops >&2; exit 3"));
        Assert.Equal(3, c.Result.Code);
        Assert.Equal("oops\n", c.Text(OutputStream.Stderr));
    }

    [Fact]
    public async Task Environment_IsScrubbedToFixedSet()
    {
        Collected c = await CollectAsync(Start(Limits(), "env"));
        string[] lines = c.Text(OutputStream.Stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var expected = new List<string> { "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" };
        string? home = Environment.GetEnvironmentVariable("HOME");
        if (!string.IsNullOrEmpty(home))
        {
            expected.Add("HOME=" + home);
        }

        expected.Add("LANG=C.UTF-8");
        expected.Add("LC_ALL=C.UTF-8");
        Assert.Equal(expected.Order(StringComparer.Ordinal), lines.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Stdin_IsWrittenThenClosed()
    {
        byte[] input = Encoding.UTF8.GetBytes("abcdefghijklmnopqrstuvwxyz0123456789");
        Collected c = await CollectAsync(Start(Limits(), input, "cat"));
        Assert.Equal(input, c.Bytes(OutputStream.Stdout));
        Assert.Equal(0, c.Result.Code);
    }

    [Fact]
    public async Task NoStdin_ChildSeesEofAtOnce()
    {
        Collected c = await CollectAsync(Start(Limits(), "wc", "-c"));
        Assert.Equal("0", c.Text(OutputStream.Stdout).Trim());
    }

    [Fact]
    public async Task Child_LeadsItsOwnProcessGroup()
    {
        CommandRun run = Start(Limits(), "cat", "/proc/self/stat");
        Collected c = await CollectAsync(run);
        string stat = c.Text(OutputStream.Stdout);
        string[] after = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // Fields after "pid (comm) ": state ppid pgrp ...
        Assert.Equal(run.Pid.ToString(CultureInfo.InvariantCulture), after[2]);
        Assert.Equal(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), after[1]);
    }

    [Fact]
    public async Task Child_HasDefaultSignalDispositions()
    {
        // The .NET runtime ignores SIGPIPE; a spawned child must start with nothing ignored or blocked.
        Collected c = await CollectAsync(Start(Limits(), "grep", "-E", "^Sig(Ign|Blk):", "/proc/self/status"));
        string[] lines = c.Text(OutputStream.Stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        // Standard signals 1..31 are bits 0..30; glibc keeps its two internal real-time signals (32, 33) as it likes.
        Assert.All(lines, l => Assert.Equal(0UL, ulong.Parse(l.Split('\t')[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) & 0x7FFFFFFFUL));
    }

    [Fact]
    public async Task OutputPastCap_IsTruncatedWarnedOnceCountedExactlyNotKilled_TailKept()
    {
        const long cap = 1 << 20;
        const long sixtyFourMiB = 64L << 20;
        const string marker = "END-OF-OUTPUT-MARKER";
        CommandRun run = Start(
            Limits(cap: cap, warn: cap / 2),
            "sh", "-c", "head -c 67108864 /dev/zero; printf " + marker);
        Collected c = await CollectAsync(run);

        Assert.Equal(0, c.Result.Code);
        Assert.Null(c.Result.Signal);
        Assert.True(c.Result.Truncated);
        Assert.Equal(sixtyFourMiB + marker.Length, c.Result.StdoutBytesTotal);
        Assert.Equal(cap, c.Bytes(OutputStream.Stdout).LongLength);
        Assert.Single(c.Warnings, w => w.Kind == WarningKind.StdoutCapHit);
        Assert.Single(c.Warnings, w => w.Kind == WarningKind.StdoutApproachingCap);
        Assert.Equal(2, c.Warnings.Count);
        Assert.True(c.Warnings.Single(w => w.Kind == WarningKind.StdoutCapHit).Bytes >= cap);

        byte[] tail = c.Result.StdoutTail;
        Assert.Equal(4096, tail.Length);
        Assert.Equal(marker, Encoding.ASCII.GetString(tail, tail.Length - marker.Length, marker.Length));
        Assert.All(tail[..^marker.Length], b => Assert.Equal(0, b));
        Assert.Empty(c.Result.StderrTail);
    }

    [Fact]
    public async Task OutputExactlyAtCap_CountsAsTruncatedButKeepsNoTail()
    {
        Collected c = await CollectAsync(Start(Limits(cap: 10), "printf", "0123456789"));
        Assert.True(c.Result.Truncated);
        Assert.Equal("0123456789", c.Text(OutputStream.Stdout));
        Assert.Single(c.Warnings, w => w.Kind == WarningKind.StdoutCapHit);
        Assert.Empty(c.Result.StdoutTail);
    }

    [Fact]
    public async Task DurationCap_SigtermIgnoringChild_IsKilledWithGroup()
    {
        // SIGTERM at cap - lead (0.5 s), SIGKILL at the cap (1 s); both the shell and its sleep ignore TERM.
        CommandRun run = Start(
            Limits(durationSecs: 1),
            "sh", "-c", "trap '' TERM; sleep 60 & echo $!; wait; wait");
        int grandchild = 0;
        Collected c = await CollectAsync(run, e =>
        {
            if (e is RunOutput o && grandchild == 0)
            {
                grandchild = int.Parse(Encoding.ASCII.GetString(o.Data).Trim(), CultureInfo.InvariantCulture);
            }
        });

        Assert.Equal(9, c.Result.Signal);
        Assert.True(c.Result.DurationCapHit);
        Assert.Null(c.Result.Cancelled);
        Assert.Contains(c.Warnings, w => w.Kind == WarningKind.DurationApproachingCap && w.Message == "duration cap reached; sent SIGTERM");
        Assert.NotEqual(0, grandchild);
        await WaitUntilAsync(() => !IsAlive(grandchild), "grandchild to die");
    }

    [Fact]
    public async Task DurationWarning_FiresOnceBeforeTerm_ChildNotSignalled()
    {
        // Cap 3 s, lead 0.5 s => SIGTERM would be at 2.5 s; the warning at 0 s fires first, the child ends by itself.
        Collected c = await CollectAsync(Start(Limits(durationSecs: 3, warnDurationSecs: 0), "sleep", "0.2"));
        Assert.Equal(0, c.Result.Code);
        Assert.Null(c.Result.Signal);
        Assert.False(c.Result.DurationCapHit);
        RunWarning w = Assert.Single(c.Warnings);
        Assert.Equal(WarningKind.DurationApproachingCap, w.Kind);
        Assert.Equal("duration warning threshold reached", w.Message);
        Assert.Null(w.Bytes);
    }

    [Theory]
    [InlineData(CancelReason.ExplicitCancel, WarningKind.Cancelled)]
    [InlineData(CancelReason.PeerDisconnected, WarningKind.PeerDisconnected)]
    [InlineData(CancelReason.Shutdown, WarningKind.Cancelled)]
    public async Task Cancel_EndsChildAndGrandchild(CancelReason reason, WarningKind expectedWarning)
    {
        CommandRun run = Start(Limits(), "sh", "-c", "sleep 300 & echo $!; wait");
        int grandchild = 0;
        Collected c = await CollectAsync(run, e =>
        {
            if (e is RunOutput o && grandchild == 0)
            {
                grandchild = int.Parse(Encoding.ASCII.GetString(o.Data).Trim(), CultureInfo.InvariantCulture);
                run.Cancel(reason);
            }
        });

        Assert.Equal(reason, c.Result.Cancelled);
        Assert.NotNull(c.Result.Signal);
        Assert.Contains(c.Warnings, w => w.Kind == expectedWarning && w.Message == "exec session cancelled; terminating remote child");
        Assert.False(c.Result.DurationCapHit);
        await WaitUntilAsync(() => !IsAlive(grandchild), "grandchild to die");
        await WaitUntilAsync(() => !IsAlive(run.Pid), "child to die");
    }

    [Fact]
    public async Task Cancel_TermIgnoringGroup_IsKilledAfterGrace()
    {
        CommandRun run = Start(Limits(), "sh", "-c", "trap '' TERM; sleep 300 & echo $!; wait; wait");
        int grandchild = 0;
        Collected c = await CollectAsync(run, e =>
        {
            if (e is RunOutput o && grandchild == 0)
            {
                grandchild = int.Parse(Encoding.ASCII.GetString(o.Data).Trim(), CultureInfo.InvariantCulture);
                run.Cancel(CancelReason.ExplicitCancel);
            }
        });

        Assert.Equal(9, c.Result.Signal);
        await WaitUntilAsync(() => !IsAlive(grandchild), "grandchild to die");
    }

    [Fact]
    public void MissingExecutable_IsSpawnFailed()
    {
        StartOutcome o = CommandRun.Start(new RunRequest(["vigil-no-such-binary-xyz"], default, null, null, Limits()), Fast);
        Assert.Null(o.Run);
        Assert.Equal(DenialReason.SpawnFailed, o.Denial);
    }

    [Fact]
    public void MissingCwd_IsSpawnFailed()
    {
        string cwd = Path.Combine(Path.GetTempPath(), "vigil-missing-" + Guid.NewGuid().ToString("N"));
        StartOutcome o = CommandRun.Start(new RunRequest(["true"], default, cwd, null, Limits()), Fast);
        Assert.Null(o.Run);
        Assert.Equal(DenialReason.SpawnFailed, o.Denial);
    }

    [Fact]
    public async Task Cwd_IsApplied()
    {
        string dir = Directory.CreateTempSubdirectory("vigil-cwd-").FullName;
        try
        {
            StartOutcome o = CommandRun.Start(new RunRequest(["pwd"], default, dir, null, Limits()), Fast);
            Collected c = await CollectAsync(o.Run!);
            Assert.Equal(dir + "\n", c.Text(OutputStream.Stdout));
        }
        finally
        {
            Directory.Delete(dir);
        }
    }

    [Fact]
    public async Task Digest_MismatchDenies_MatchRuns()
    {
        string resolved = ExecutableResolver.Resolve("true")!;
        StartOutcome bad = CommandRun.Start(new RunRequest(["true"], default, null, new string('0', 64), Limits()), Fast);
        Assert.Equal(DenialReason.ExecutableDigestMismatch, bad.Denial);

        string digest = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(resolved)));
        StartOutcome good = CommandRun.Start(new RunRequest(["true"], default, null, digest, Limits()), Fast);
        Assert.Null(good.Denial);
        Collected c = await CollectAsync(good.Run!);
        Assert.Equal(0, c.Result.Code);
    }
}
