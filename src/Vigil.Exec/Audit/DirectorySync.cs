using System.Runtime.InteropServices;
using Vigil.Exec.Interop;

namespace Vigil.Exec.Audit;

/// <summary>
/// fsyncs a directory so that a newly created file's directory entry survives a crash; .NET has no managed
/// API for it.
/// </summary>
internal static class DirectorySync
{
    public static void Flush(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // A plain read-only open of a directory is allowed and enough to fsync it; close-on-exec so a child
        // spawned meanwhile never inherits it.
        int fd = LibC.Open(directory, LibC.O_RDONLY | LibC.O_CLOEXEC);
        if (fd < 0)
        {
            throw new IOException($"cannot open directory {directory} to sync it (errno {Marshal.GetLastPInvokeError()})");
        }

        try
        {
            if (LibC.Fsync(fd) != 0)
            {
                throw new IOException($"fsync of directory {directory} failed (errno {Marshal.GetLastPInvokeError()})");
            }
        }
        finally
        {
            _ = LibC.Close(fd);
        }
    }
}
