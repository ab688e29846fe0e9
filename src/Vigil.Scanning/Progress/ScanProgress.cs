using Vigil.Formats.Input;

namespace Vigil.Scanning.Progress;

/// <summary>
/// Live counters of one scan: the scan writes them, a progress display polls <see cref="Sample"/> from a timer on
/// another thread. Updates are single interlocked stores, so the hot path pays nothing else for being watched.
/// </summary>
public sealed class ScanProgress
{
    private long _bytesRead;
    private long _totalBytes = -1;
    private long _rows = -1;
    private int _phase;
    private InputSource? _input;

    /// <summary>A consistent-enough snapshot (each counter is read atomically; they may be a moment apart).</summary>
    public ProgressSample Sample()
    {
        long total = Volatile.Read(ref _totalBytes);
        long rows = Volatile.Read(ref _rows);
        return new ProgressSample(
            (ScanPhase)Volatile.Read(ref _phase),
            Volatile.Read(ref _input) is InputSource input ? input.BytesRead : Volatile.Read(ref _bytesRead),
            total < 0 ? null : total,
            rows < 0 ? null : rows);
    }

    /// <summary>Reads the byte count (and the total, when known) from the input the engine is reading: nothing on the hot path.</summary>
    public void Track(InputSource input)
    {
        if (input.Length is long length && length > 0)
        {
            SetTotalBytes(length);
        }

        Volatile.Write(ref _input, input);
    }

    /// <summary>Counts <paramref name="bytes"/> more input consumed.</summary>
    public void AddBytes(long bytes) => Interlocked.Add(ref _bytesRead, bytes);

    /// <summary>The input's size, when the source knows it.</summary>
    public void SetTotalBytes(long bytes) => Volatile.Write(ref _totalBytes, bytes);

    /// <summary>Rows parsed so far.</summary>
    public void SetRows(long rows) => Volatile.Write(ref _rows, rows);

    public void Enter(ScanPhase phase) => Volatile.Write(ref _phase, (int)phase);
}
