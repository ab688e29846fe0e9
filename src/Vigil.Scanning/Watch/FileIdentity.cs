using System.Runtime.InteropServices;

namespace Vigil.Scanning.Watch;

/// <summary>
/// Which file a path names right now (device + inode), so a follower can tell "the same file grew or shrank" from
/// "a new file was put in its place" (logrotate's rename + create).
/// </summary>
internal readonly partial record struct FileIdentity(ulong Device, ulong Inode)
{
    /// <summary>The identity of the file at <paramref name="path"/>, or null when it does not exist or cannot be told.</summary>
    public static FileIdentity? Of(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            return StatPath(path);
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
        catch (DllNotFoundException)
        {
            return null;
        }
    }

    private static unsafe FileIdentity? StatPath(string path)
    {
        // glibc ≥ 2.33 exports stat(); on x86-64 and on the generic (arm64) layout st_dev and st_ino are the first
        // two 64-bit fields, which is all this reads. The buffer is larger than either struct stat.
        byte* buffer = stackalloc byte[256];
        if (Stat(path, buffer) != 0)
        {
            return null;
        }

        return new FileIdentity(*(ulong*)buffer, *(ulong*)(buffer + 8));
    }

    [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Stat(string path, byte* buffer);
}
