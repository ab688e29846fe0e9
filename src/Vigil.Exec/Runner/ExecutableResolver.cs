namespace Vigil.Exec.Runner;

/// <summary>
/// Resolves argv[0] the way execvp would against the fixed PATH only (reference x0x §6.3): a name containing
/// '/' is used as given, a bare name is searched in <see cref="FixedPath"/> order. Never the current or the
/// application directory, never the daemon's own PATH.
/// </summary>
public static class ExecutableResolver
{
    /// <summary>The only PATH a child ever sees and the only one argv[0] is looked up in.</summary>
    public const string FixedPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>The resolved absolute path, or null when no executable file is found.</summary>
    /// <param name="argv0">The requested command.</param>
    /// <param name="cwd">The directory the child starts in (null: the daemon's); a relative name containing '/'
    /// is made absolute against it, so the digest check and the exec see the same file.</param>
    public static string? Resolve(string argv0, string? cwd = null)
    {
        if (argv0.Length == 0 || argv0.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        if (argv0.Contains('/', StringComparison.Ordinal))
        {
            string path = Path.IsPathRooted(argv0) ? argv0 : Path.GetFullPath(argv0, Path.GetFullPath(cwd ?? Environment.CurrentDirectory));
            return IsExecutableFile(path) ? path : null;
        }

        foreach (string dir in FixedPath.Split(':'))
        {
            string candidate = dir + "/" + argv0;
            if (IsExecutableFile(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool IsExecutableFile(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (OperatingSystem.IsWindows() || !info.Exists)
            {
                return false;
            }

            const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            return (File.GetUnixFileMode(path) & anyExecute) != 0;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
