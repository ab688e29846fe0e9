namespace Vigil.Exec.Runner;

/// <summary>The scrubbed environment every child gets: PATH, HOME (if the daemon has one), LANG and LC_ALL.</summary>
public static class ChildEnvironment
{
    /// <summary>"KEY=value" entries in a stable order.</summary>
    public static IReadOnlyList<string> Build(string? home)
    {
        var env = new List<string>(4) { "PATH=" + ExecutableResolver.FixedPath };
        if (!string.IsNullOrEmpty(home))
        {
            env.Add("HOME=" + home);
        }

        env.Add("LANG=C.UTF-8");
        env.Add("LC_ALL=C.UTF-8");
        return env;
    }

    /// <summary>The environment built from the daemon's own HOME.</summary>
    public static IReadOnlyList<string> FromDaemon() => Build(Environment.GetEnvironmentVariable("HOME"));
}
