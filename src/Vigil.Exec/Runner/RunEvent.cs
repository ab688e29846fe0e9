namespace Vigil.Exec.Runner;

/// <summary>Which output pipe a chunk came from.</summary>
public enum OutputStream
{
    Stdout,
    Stderr,
}

/// <summary>Why a running session was cancelled (reference x0x §6.5 cancel table).</summary>
public enum CancelReason
{
    ExplicitCancel,
    PeerDisconnected,
    Shutdown,
}

/// <summary>A non-terminal event of a running session, in the order it happened.</summary>
public abstract record RunEvent;

/// <summary>The child was spawned.</summary>
public sealed record RunStarted(int Pid) : RunEvent;

/// <summary>A forwarded output chunk; <see cref="Seq"/> counts chunks per stream from 0.</summary>
public sealed record RunOutput(OutputStream Stream, uint Seq, byte[] Data) : RunEvent;

/// <summary>A warning; <see cref="Bytes"/> is the running total for byte thresholds and caps, null otherwise.</summary>
public sealed record RunWarning(WarningKind Kind, string Message, long? Bytes) : RunEvent;

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
