using Vigil.Exec.Runner;

namespace Vigil.Exec.Tests.Runner;

/// <summary>
/// The runner tests use their own <see cref="RunTimings"/>, so the production defaults are pinned here, from the
/// reference §6.5 (SIGTERM 5 s before the cap, 5 s grace after a cancel) and design/exec.md "Runtime" (the last
/// 4 KiB of a truncated stream is kept).
/// </summary>
public sealed class RunTimingsTests
{
    [Fact]
    public void Defaults_AreTheSpecifiedValues()
    {
        RunTimings d = RunTimings.Default;
        Assert.Equal(TimeSpan.FromSeconds(5), d.CancelGrace);
        Assert.Equal(TimeSpan.FromSeconds(5), d.TermLead);
        Assert.Equal(4 * 1024, d.TailBytes);
    }
}
