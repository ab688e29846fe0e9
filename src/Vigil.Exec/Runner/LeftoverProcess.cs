using System.Globalization;
using Vigil.Exec.Interop;

namespace Vigil.Exec.Runner;

/// <summary>
/// Ends what a dead daemon left running, given the pid its trail recorded. The pid may since belong to someone
/// else, so it is only acted on when it is provably the session: in a Vigil session cgroup (the whole cgroup is
/// killed), or, without cgroups, still the leader of its own process group and started when the trail says.
/// </summary>
internal static class LeftoverProcess
{
    // USER_HZ: the unit of /proc/PID/stat start times, 100 on every Linux architecture Vigil runs on.
    private const long TicksPerSecond = 100;
    private const long StartSlackMs = 5_000;

    /// <summary>True when something was found and killed.</summary>
    public static async Task<bool> KillAsync(int pid, long startedUnixMs)
    {
        if (pid <= 1)
        {
            return false;
        }

        if (SessionCgroup.SessionOf(pid) is { } cgroup)
        {
            await SessionCgroup.KillAndRemoveAsync(cgroup).ConfigureAwait(false);
            return true;
        }

        if (!TryReadStat(pid, out int group, out long startTicks) || group != pid || BootTimeMs() is not long boot)
        {
            return false;
        }

        long startMs = boot + (startTicks * 1000 / TicksPerSecond);
        if (Math.Abs(startMs - startedUnixMs) > StartSlackMs)
        {
            return false;
        }

        return LibC.Kill(-pid, LibC.SIGKILL) == 0;
    }

    private static bool TryReadStat(int pid, out int group, out long startTicks)
    {
        group = 0;
        startTicks = 0;
        string stat;
        try
        {
            stat = File.ReadAllText("/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        // The command name may contain spaces and parentheses; fields after the last ')' are fixed: state is 3.
        int close = stat.LastIndexOf(')');
        string[] fields = close < 0 ? [] : stat[(close + 2)..].Split(' ');
        return fields.Length > 19
            && fields[0] != "Z"
            && int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out group)
            && long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out startTicks);
    }

    private static long? BootTimeMs()
    {
        try
        {
            string? line = File.ReadLines("/proc/stat").FirstOrDefault(l => l.StartsWith("btime ", StringComparison.Ordinal));
            return line is not null && long.TryParse(line.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out long seconds)
                ? seconds * 1000
                : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
