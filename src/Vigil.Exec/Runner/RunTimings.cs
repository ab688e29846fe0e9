namespace Vigil.Exec.Runner;

/// <summary>
/// Fixed supervision timings (reference §11). Injectable so tests can run real children fast; the daemon
/// always uses <see cref="Default"/>.
/// </summary>
public sealed record RunTimings(TimeSpan CancelGrace, TimeSpan TermLead, TimeSpan AbandonPipesAfter, int TailBytes)
{
    /// <summary>5 s grace, SIGTERM 5 s before the cap, 4 KiB tails.</summary>
    public static RunTimings Default { get; } = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2), 4096);
}
