using Vigil.Scanning.Progress;

namespace Vigil.Scanning.Tests.Progress;

/// <summary>The progress line: silent for fast scans, redrawn in place for slow ones, erased at the end.</summary>
public sealed class ProgressMeterTests
{
    [Fact]
    public void A_scan_finishing_within_a_second_draws_nothing()
    {
        var time = new ManualTime();
        var terminal = new RecordingTerminal();
        var progress = new ScanProgress();
        using (new ProgressMeter(progress, "big.csv", terminal, time))
        {
            progress.AddBytes(1000);
            time.Advance(TimeSpan.FromMilliseconds(990));
        }

        Assert.Equal("", terminal.Raw);
    }

    [Fact]
    public void A_slow_scan_shows_bytes_total_and_rate_then_erases_the_line()
    {
        var time = new ManualTime();
        var terminal = new RecordingTerminal();
        var progress = new ScanProgress();
        progress.SetTotalBytes(200L << 20);
        var meter = new ProgressMeter(progress, "/data/logs/big.csv", terminal, time);

        progress.Enter(ScanPhase.Parsing);
        progress.AddBytes(50L << 20);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("vigil: big.csv: parsing 50.0 MiB / 200.0 MiB (25%), 25.0 MiB/s, 2.0 s", terminal.Screen.TrimEnd());

        progress.AddBytes(50L << 20);
        progress.SetRows(4_000_000);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("vigil: big.csv: parsing 100.0 MiB / 200.0 MiB (50%), 1.0M rows/s, 4.0 s", terminal.Screen.TrimEnd());

        progress.Enter(ScanPhase.Detecting);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("vigil: big.csv: detecting 100.0 MiB / 200.0 MiB (50%), 5.0 s", terminal.Screen.TrimEnd());

        meter.Dispose();
        Assert.Equal("", terminal.Screen.Trim());
        Assert.EndsWith("\r", terminal.Raw, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', terminal.Raw);

        // Nothing is drawn after the end, even if the timer fires late.
        int written = terminal.Raw.Length;
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(written, terminal.Raw.Length);
    }

    [Fact]
    public void A_shorter_line_fully_covers_a_longer_previous_one()
    {
        var time = new ManualTime();
        var terminal = new RecordingTerminal();
        var progress = new ScanProgress();
        using var meter = new ProgressMeter(progress, "-", terminal, time);

        progress.AddBytes(999L << 30);
        time.Advance(TimeSpan.FromMilliseconds(1000));
        string first = terminal.Screen;
        progress.Enter(ScanPhase.Detecting);
        time.Advance(TimeSpan.FromMilliseconds(250));

        Assert.StartsWith("vigil: stdin: reading 999.0 GiB", first, StringComparison.Ordinal);
        Assert.StartsWith("vigil: stdin: detecting 999.0 GiB, 1.", terminal.Screen, StringComparison.Ordinal);
        Assert.DoesNotContain("reading", terminal.Screen, StringComparison.Ordinal);
    }

    [Fact]
    public void Lines_are_clipped_below_the_terminal_width_so_they_never_wrap()
    {
        var sample = new ProgressSample(ScanPhase.Reading, 12345, 99999, null);
        string line = ProgressLine.Render(new string('x', 200), sample, TimeSpan.FromSeconds(3), width: 40);
        Assert.Equal(39, line.Length);
        Assert.Equal("vigil: big.csv: reading 12.1 KiB / 97.7 KiB (12%), 4.0 KiB/s, 3.0 s", ProgressLine.Render("big.csv", sample, TimeSpan.FromSeconds(3), 200));
    }
}
