namespace Vigil.Exec.Policy;

/// <summary>
/// The global caps of an <c>[exec]</c> table after defaults and clamping (reference x0x §3.3). Warn thresholds are
/// already clamped to their cap; 0 disables a byte warning.
/// </summary>
public sealed record ExecCaps(
    long MaxStdoutBytes,
    long MaxStderrBytes,
    long MaxStdinBytes,
    long MaxDurationSecs,
    int MaxConcurrentPerAgent,
    int MaxConcurrentTotal,
    long WarnStdoutBytes,
    long WarnStderrBytes,
    long WarnDurationSecs)
{
    public const long DefaultMaxStdoutBytes = 16 * 1024 * 1024;
    public const long DefaultMaxStderrBytes = 16 * 1024 * 1024;
    public const long DefaultMaxStdinBytes = 1024 * 1024;
    public const long DefaultMaxDurationSecs = 300;
    public const int DefaultMaxConcurrentPerAgent = 4;
    public const int DefaultMaxConcurrentTotal = 32;
    public const long DefaultWarnStdoutBytes = 8 * 1024 * 1024;
    public const long DefaultWarnStderrBytes = 8 * 1024 * 1024;
    public const long DefaultWarnDurationSecs = 60;

    /// <summary>The reference defaults, as used when an <c>[exec]</c> table sets nothing.</summary>
    public static ExecCaps Default { get; } = new(
        DefaultMaxStdoutBytes,
        DefaultMaxStderrBytes,
        DefaultMaxStdinBytes,
        DefaultMaxDurationSecs,
        DefaultMaxConcurrentPerAgent,
        DefaultMaxConcurrentTotal,
        DefaultWarnStdoutBytes,
        DefaultWarnStderrBytes,
        DefaultWarnDurationSecs);
}
