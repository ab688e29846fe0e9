namespace Vigil.Scanning.Progress;

/// <summary>One poll of a running scan's counters.</summary>
/// <param name="Phase">What the scan is doing.</param>
/// <param name="BytesRead">Input bytes consumed so far.</param>
/// <param name="TotalBytes">The input's size when known (a file), else null (a pipe).</param>
/// <param name="Rows">Rows parsed so far, when the reader reports them, else null.</param>
public readonly record struct ProgressSample(ScanPhase Phase, long BytesRead, long? TotalBytes, long? Rows);
