using Vigil.Exec.Runner;

namespace Vigil.Exec.Tests.Runner;

public sealed class OutputPumpTests
{
    private static (OutputPump Pump, List<RunEvent> Events) Make(OutputStream stream, long cap, long warn)
    {
        var events = new List<RunEvent>();
        return (new OutputPump(stream, cap, warn, 4096, events.Add), events);
    }

    [Fact]
    public void CapAndWarn_TruncateAndKeepCounting()
    {
        // Reference §12.4: cap 10, warn 5, 64 bytes.
        var (pump, events) = Make(OutputStream.Stdout, cap: 10, warn: 5);
        byte[] data = Enumerable.Range(0, 64).Select(i => (byte)i).ToArray();
        pump.Accept(data.AsSpan(0, 3));
        pump.Accept(data.AsSpan(3, 61));

        Assert.Equal(64, pump.Total);
        Assert.True(pump.CapHit);
        byte[] forwarded = events.OfType<RunOutput>().SelectMany(o => o.Data).ToArray();
        Assert.Equal(data[..10], forwarded);
        Assert.Equal([0u, 1u], events.OfType<RunOutput>().Select(o => o.Seq));
        var warnings = events.OfType<RunWarning>().ToList();
        Assert.Equal([WarningKind.StdoutApproachingCap, WarningKind.StdoutCapHit], warnings.Select(w => w.Kind));
        Assert.All(warnings, w => Assert.Equal(64, w.Bytes));
        // The tail is the end of everything produced (all 64 bytes fit in 4 KiB), not just the discarded part.
        Assert.Equal(data, pump.TailIfDiscarded());
    }

    [Fact]
    public void ReachingWarnAndCapExactly_WarnsAndTruncatesOnce_ButDiscardsNothing()
    {
        // Reference §6.4: the warning fires at total >= warn and the cap at total >= cap ("10 bytes of output with a
        // 10-byte cap gives truncated = true and a *_cap_hit warning, although nothing was discarded").
        var (pump, events) = Make(OutputStream.Stdout, cap: 10, warn: 10);
        pump.Accept(new byte[4]);
        Assert.Empty(events.OfType<RunWarning>());

        pump.Accept(new byte[6]);
        Assert.True(pump.CapHit);
        var warnings = events.OfType<RunWarning>().ToList();
        Assert.Equal([WarningKind.StdoutApproachingCap, WarningKind.StdoutCapHit], warnings.Select(w => w.Kind));
        Assert.All(warnings, w => Assert.Equal(10, w.Bytes));
        Assert.Equal(10, events.OfType<RunOutput>().Sum(o => o.Data.Length));
        Assert.Empty(pump.TailIfDiscarded());

        // Later bytes are counted, discarded and warned about no more.
        pump.Accept(new byte[3]);
        pump.Accept(new byte[3]);
        Assert.Equal(16, pump.Total);
        Assert.Equal(2, events.OfType<RunWarning>().Count());
        Assert.Equal(10, events.OfType<RunOutput>().Sum(o => o.Data.Length));
        Assert.Equal(16, pump.TailIfDiscarded().Length);
    }

    [Fact]
    public void Stderr_UsesStderrKindsAndMessages()
    {
        var (pump, events) = Make(OutputStream.Stderr, cap: 8, warn: 4);
        pump.Accept(new byte[32]);
        var warnings = events.OfType<RunWarning>().ToList();
        Assert.Equal([WarningKind.StderrApproachingCap, WarningKind.StderrCapHit], warnings.Select(w => w.Kind));
        Assert.Equal("stderr warning threshold reached", warnings[0].Message);
        Assert.Equal("stderr cap hit; further bytes discarded", warnings[1].Message);
        Assert.All(events.OfType<RunOutput>(), o => Assert.Equal(OutputStream.Stderr, o.Stream));
    }

    [Fact]
    public void WarningPrecedesTheChunkThatCrossesIt()
    {
        var (pump, events) = Make(OutputStream.Stdout, cap: 100, warn: 4);
        pump.Accept(new byte[6]);
        Assert.IsType<RunWarning>(events[0]);
        Assert.IsType<RunOutput>(events[1]);
    }

    [Fact]
    public void BelowThreshold_NoWarningNoTail()
    {
        var (pump, events) = Make(OutputStream.Stdout, cap: 100, warn: 90);
        pump.Accept(new byte[5]);
        Assert.Equal(5, pump.Total);
        Assert.False(pump.CapHit);
        Assert.Single(events);
        Assert.Empty(pump.TailIfDiscarded());
    }

    [Fact]
    public void ZeroWarn_DisablesThresholdWarning()
    {
        var (pump, events) = Make(OutputStream.Stdout, cap: 4, warn: 0);
        pump.Accept(new byte[10]);
        Assert.Equal([WarningKind.StdoutCapHit], events.OfType<RunWarning>().Select(w => w.Kind));
    }
}
