namespace Vigil.Scanning.Progress;

/// <summary>
/// Draws a scan's progress on a terminal from a timer: nothing during the first second (fast scans never show a
/// line), then the line redrawn in place every quarter second, and erased on <see cref="Dispose"/> so the report
/// or an error line starts on a clean line. It only polls <see cref="ScanProgress"/>; the scan does no extra work.
/// </summary>
public sealed class ProgressMeter : IDisposable
{
    /// <summary>A scan shorter than this shows nothing.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    /// <summary>How often the line is redrawn.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly ScanProgress _progress;
    private readonly string _source;
    private readonly IProgressTerminal _terminal;
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private int _drawn;
    private bool _finished;

    public ProgressMeter(ScanProgress progress, string source, IProgressTerminal terminal, TimeProvider time)
    {
        _progress = progress;
        // The file name is enough to recognise the scan and keeps the line short.
        _source = source == "-" ? "stdin" : Path.GetFileName(source);
        _terminal = terminal;
        _time = time;
        _started = time.GetTimestamp();
        _timer = time.CreateTimer(static state => ((ProgressMeter)state!).Draw(), this, Delay, Interval);
    }

    /// <summary>Stops the timer and erases the line if one was drawn.</summary>
    public void Dispose()
    {
        _timer.Dispose();
        lock (_gate)
        {
            // A timer callback already running finishes first (same lock) and finds _finished afterwards.
            _finished = true;
            if (_drawn > 0)
            {
                _terminal.Write("\r" + new string(' ', _drawn) + "\r");
                _drawn = 0;
            }
        }
    }

    private void Draw()
    {
        lock (_gate)
        {
            TimeSpan elapsed = _time.GetElapsedTime(_started);
            if (_finished || elapsed < Delay)
            {
                return;
            }

            string line = ProgressLine.Render(_source, _progress.Sample(), elapsed, _terminal.Width);

            // Pad over the tail of a longer previous line instead of relying on ANSI erase sequences.
            _terminal.Write("\r" + line.PadRight(_drawn));
            _drawn = Math.Max(_drawn, line.Length);
        }
    }
}
