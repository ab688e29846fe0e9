namespace Vigil.Exec.Runner;

/// <summary>
/// Per-session caps, already reduced to what the policy allowed (reference x0x §3.3, §6.4, §6.5).
/// A warn threshold of 0 disables that byte warning.
/// </summary>
public sealed record RunLimits(
    long MaxStdoutBytes,
    long MaxStderrBytes,
    long WarnStdoutBytes,
    long WarnStderrBytes,
    TimeSpan Duration,
    TimeSpan WarnDuration);
