using System.Net.Sockets;

namespace Vigil.Server.Admin;

/// <summary>Binds the daemon's admin socket (<c>admin.sock</c>): only the daemon's own user may connect.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal static partial class AdminSocket
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// A listening Unix socket at <paramref name="path"/>, mode 0600 from the moment it appears there: bind() creates
    /// the file under the process umask, so it is bound inside a fresh 0700 directory, made 0600, and only then
    /// renamed into place (no process-wide umask change). <paramref name="afterBind"/> is a test seam, called right
    /// after the bind system call.
    /// </summary>
    public static Socket Bind(string path, Action? afterBind = null)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        // Short names: a Unix socket path has at most 108 bytes.
        string staging = Path.Combine(directory, ".a" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(staging, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            string staged = Path.Combine(staging, "s");
            socket.Bind(new UnixDomainSocketEndPoint(staged));
            afterBind?.Invoke();
            File.SetUnixFileMode(staged, Private);
            File.Move(staged, path, overwrite: true);
            socket.Listen(512);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>A new descriptor for the same listening socket, close-on-exec, for a listener that takes ownership.</summary>
    public static ulong Duplicate(Socket socket)
    {
        int fd = FcntlDupCloexec((int)socket.Handle, F_DUPFD_CLOEXEC, 3);
        if (fd < 0)
        {
            throw new IOException("cannot duplicate the admin socket: errno " + System.Runtime.InteropServices.Marshal.GetLastSystemError().ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return (ulong)fd;
    }

    private const int F_DUPFD_CLOEXEC = 1030;

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int FcntlDupCloexec(int fd, int command, int minimum);
}
