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

/// <summary>
/// Fixed supervision timings (reference §11). Injectable so tests can run real children fast; the daemon
/// always uses <see cref="Default"/>.
/// </summary>
public sealed record RunTimings(TimeSpan CancelGrace, TimeSpan TermLead, TimeSpan AbandonPipesAfter, int TailBytes)
{
    /// <summary>5 s grace, SIGTERM 5 s before the cap, 4 KiB tails.</summary>
    public static RunTimings Default { get; } = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2), 4096);
}

/// <summary>What to run. <see cref="Argv"/> has been matched by the policy; nothing here goes through a shell.</summary>
public sealed record RunRequest(
    IReadOnlyList<string> Argv,
    ReadOnlyMemory<byte> Stdin,
    string? Cwd,
    string? ExpectedSha256,
    RunLimits Limits);
