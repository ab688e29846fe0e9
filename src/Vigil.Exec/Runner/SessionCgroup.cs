using System.Globalization;
using System.Text;
using Vigil.Exec.Interop;

namespace Vigil.Exec.Runner;

/// <summary>
/// One session's cgroup (v2): the child is moved in right after spawn, everything it forks stays in, and the session
/// ends by killing the whole cgroup. A process group does not contain a descendant that calls <c>setsid</c>; a
/// cgroup does, because only a process with write access to cgroup files can leave it. Session cgroups live under
/// <c>vigil</c> in the daemon's own cgroup, named <c>d&lt;daemon pid&gt;-s&lt;n&gt;</c>.
/// </summary>
/// <remarks>
/// Moving the child after posix_spawn returns is too late: a fast child (dash) forks before the move. Creating it
/// directly inside needs clone3(CLONE_INTO_CGROUP), which a managed process cannot call safely. So the daemon steps
/// into the session cgroup for the spawn itself (a fork inherits its parent's cgroup) and steps back out at once,
/// one spawn at a time. Nothing else in the daemon forks; if stepping out ever failed, this cgroup is never killed
/// wholesale (that would kill the daemon), only its other members are.
/// </remarks>
internal sealed class SessionCgroup
{
    private const string Cgroup2FsType = "cgroup2";
    private static readonly Lazy<(string? Root, string Own, string Mount, string Reason)> Root = new(FindRoot);
    private static readonly Lock SpawnGate = new();
    private static int _counter;

    private readonly string _path;
    private bool _daemonStuckInside;

    private SessionCgroup(string path) => _path = path;

    /// <summary>Whether session cgroups can be made on this host (a writable cgroup v2 hierarchy; normally root).</summary>
    public static bool IsAvailable => Root.Value.Root is not null;

    /// <summary>Why <see cref="IsAvailable"/> is false.</summary>
    public static string Unavailable => Root.Value.Reason;

    /// <summary>Where this daemon's (and any earlier daemon's) session cgroups live, or null.</summary>
    public static string? SessionsRoot => Root.Value.Root;

    public string Path => _path;

    /// <summary>A fresh, empty session cgroup, or null when the host does not allow one.</summary>
    public static SessionCgroup? TryCreate()
    {
        if (Root.Value.Root is not { } root)
        {
            return null;
        }

        int n = Interlocked.Increment(ref _counter);
        string path = System.IO.Path.Combine(root, string.Create(CultureInfo.InvariantCulture, $"d{Environment.ProcessId}-s{n}"));
        try
        {
            Directory.CreateDirectory(path);
            return new SessionCgroup(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Runs <paramref name="spawn"/> with the daemon inside this cgroup, so the child starts in it. Null when the
    /// daemon could not step in (the caller then has no cgroup for this session); the spawn has not run then.
    /// </summary>
    public T? SpawnInside<T>(Func<T> spawn)
        where T : class
    {
        string self = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        lock (SpawnGate)
        {
            if (!TryWrite(System.IO.Path.Combine(_path, "cgroup.procs"), self))
            {
                return null;
            }

            try
            {
                return spawn();
            }
            finally
            {
                if (!TryWrite(System.IO.Path.Combine(Root.Value.Own, "cgroup.procs"), self))
                {
                    _daemonStuckInside = true;
                }
            }
        }
    }

    /// <summary>Sends <paramref name="signal"/> to every process in the cgroup (SIGKILL through <c>cgroup.kill</c> when the kernel has it).</summary>
    public void Signal(int signal) => Signal(_path, signal, _daemonStuckInside);

    /// <summary>Kills everything left in the cgroup and removes it, waiting a bounded time for the kernel to empty it.</summary>
    public Task KillAndRemoveAsync() => _daemonStuckInside ? Task.CompletedTask : KillAndRemoveAsync(_path);

    internal static async Task KillAndRemoveAsync(string path)
    {
        for (int attempt = 0; attempt < 200; attempt++)
        {
            Signal(path, LibC.SIGKILL, sparingSelf: false);
            try
            {
                Directory.Delete(path);
                return;
            }
            catch (DirectoryNotFoundException)
            {
                return;
            }
            catch (IOException)
            {
                // EBUSY until the killed processes have left; they do so within milliseconds.
            }
            catch (UnauthorizedAccessException)
            {
                return;
            }

            await Task.Delay(10).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The session cgroup <paramref name="pid"/> is in, when it is in one under <see cref="SessionsRoot"/> (a session
    /// child or descendant, of this daemon or an earlier one); otherwise null.
    /// </summary>
    public static string? SessionOf(int pid)
    {
        if (Root.Value.Root is not { } root)
        {
            return null;
        }

        try
        {
            string? own = File.ReadLines("/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/cgroup")
                .FirstOrDefault(l => l.StartsWith("0::", StringComparison.Ordinal))?[3..];
            string? full = own is null ? null : Root.Value.Mount + own;
            return full is not null && full.StartsWith(root + "/", StringComparison.Ordinal) ? full : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Kills and removes the session cgroups of daemons that are gone (their pid is in the name): sessions nobody
    /// supervises any more. Returns how many cgroups were swept.
    /// </summary>
    public static async Task<int> SweepDeadDaemonsAsync()
    {
        if (Root.Value.Root is not { } root)
        {
            return 0;
        }

        int swept = 0;
        foreach (string directory in Directory.EnumerateDirectories(root))
        {
            string name = System.IO.Path.GetFileName(directory);
            int dash = name.IndexOf("-s", StringComparison.Ordinal);
            if (name.StartsWith('d') && dash > 1
                && int.TryParse(name.AsSpan(1, dash - 1), NumberStyles.None, CultureInfo.InvariantCulture, out int daemon)
                && daemon != Environment.ProcessId && !Directory.Exists("/proc/" + daemon.ToString(CultureInfo.InvariantCulture)))
            {
                await KillAndRemoveAsync(directory).ConfigureAwait(false);
                swept++;
            }
        }

        return swept;
    }

    /// <summary>The pids in a cgroup (empty when it is gone).</summary>
    internal static List<int> Members(string path)
    {
        var pids = new List<int>();
        try
        {
            foreach (string line in File.ReadAllLines(System.IO.Path.Combine(path, "cgroup.procs")))
            {
                if (int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
                {
                    pids.Add(pid);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }

        return pids;
    }

    private static void Signal(string path, int signal, bool sparingSelf)
    {
        if (!sparingSelf && signal == LibC.SIGKILL && TryWrite(System.IO.Path.Combine(path, "cgroup.kill"), "1"))
        {
            return;
        }

        foreach (int pid in Members(path))
        {
            if (pid != Environment.ProcessId)
            {
                LibC.Kill(pid, signal);
            }
        }
    }

    private static bool TryWrite(string file, string text)
    {
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1);
            stream.Write(Encoding.ASCII.GetBytes(text));
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The cgroup v2 mount plus this process's own cgroup, with <c>vigil</c> made under it.</summary>
    private static (string? Root, string Own, string Mount, string Reason) FindRoot()
    {
        if (!OperatingSystem.IsLinux())
        {
            return (null, string.Empty, string.Empty, "not Linux");
        }

        try
        {
            string? mount = null;
            foreach (string line in File.ReadLines("/proc/self/mountinfo"))
            {
                string[] halves = line.Split(" - ", 2);
                string[] fields = halves[0].Split(' ');
                if (halves.Length == 2 && fields.Length > 4 && halves[1].StartsWith(Cgroup2FsType + " ", StringComparison.Ordinal))
                {
                    mount = fields[4];
                    break;
                }
            }

            if (mount is null)
            {
                return (null, string.Empty, string.Empty, "no cgroup2 file system is mounted");
            }

            string? own = File.ReadLines("/proc/self/cgroup").FirstOrDefault(l => l.StartsWith("0::", StringComparison.Ordinal))?[3..];
            if (own is null)
            {
                return (null, string.Empty, string.Empty, "this process has no cgroup v2 membership");
            }

            string ownPath = mount + own.TrimEnd('/');
            string root = System.IO.Path.Combine(ownPath, "vigil");
            Directory.CreateDirectory(root);
            return (root, ownPath, mount, string.Empty);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, string.Empty, string.Empty, ex.Message);
        }
    }
}
