using System.Runtime.InteropServices;
using Vigil.Exec.Interop;

namespace Vigil.Exec.Locking;

/// <summary>
/// An exclusive advisory lock (<c>flock(LOCK_EX|LOCK_NB)</c>) on a lock file, held until disposed or until the
/// process dies (the kernel drops it then, so a crashed daemon never leaves a stale lock behind). The descriptor is
/// close-on-exec, so commands the daemon spawns never inherit (and never keep) the lock.
/// </summary>
public sealed class ExclusiveFileLock : IDisposable
{
    private const uint Mode0600 = 0x180;

    private int _fd;

    private ExclusiveFileLock(string path, int fd)
    {
        Path = path;
        _fd = fd;
    }

    /// <summary>The lock file.</summary>
    public string Path { get; }

    /// <summary>
    /// Takes the lock, creating the file (0600) if needed; null when another holder (another process, or another
    /// lock object in this one) has it.
    /// </summary>
    /// <exception cref="IOException">The lock file cannot be opened or locked for another reason.</exception>
    public static ExclusiveFileLock? TryAcquire(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = System.IO.Path.GetFullPath(path);
        int fd = LibC.Open(full, LibC.O_RDWR | LibC.O_CREAT | LibC.O_CLOEXEC, Mode0600);
        if (fd < 0)
        {
            throw new IOException($"cannot open lock file {full}: {Marshal.GetLastPInvokeErrorMessage()}");
        }

        while (LibC.Flock(fd, LibC.LOCK_EX | LibC.LOCK_NB) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno == LibC.EINTR)
            {
                continue;
            }

            string message = Marshal.GetPInvokeErrorMessage(errno);
            LibC.Close(fd);
            if (errno == LibC.EAGAIN)
            {
                return null;
            }

            throw new IOException($"cannot lock {full}: {message}");
        }

        return new ExclusiveFileLock(full, fd);
    }

    /// <summary>Releases the lock (closing the descriptor drops it); the file stays, it carries no state.</summary>
    public void Dispose()
    {
        int fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            LibC.Close(fd);
        }
    }
}
