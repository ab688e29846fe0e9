namespace Vigil.Exec.Runner;

/// <summary>
/// The end of a session (reference x0x §6.5 "Completing the session"). Tails are set only for a stream
/// that discarded bytes past its cap, and hold its last bytes (up to <see cref="RunTimings.TailBytes"/>).
/// </summary>
public sealed record RunResult(
    int? Code,
    int? Signal,
    long DurationMs,
    long StdoutBytesTotal,
    long StderrBytesTotal,
    bool Truncated,
    byte[] StdoutTail,
    byte[] StderrTail,
    CancelReason? Cancelled,
    bool DurationCapHit);
