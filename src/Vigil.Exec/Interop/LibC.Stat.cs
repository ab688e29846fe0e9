using System.Runtime.InteropServices;

namespace Vigil.Exec.Interop;

/// <summary>File ownership: .NET exposes a file's mode but not its owner. <c>struct statx</c> has one layout on every architecture.</summary>
internal static unsafe partial class LibC
{
    public const int AT_FDCWD = -100;
    public const uint STATX_MODE = 0x2;
    public const uint STATX_UID = 0x8;
    public const int StatxSize = 256;
    public const int StatxUidOffset = 20;
    public const int StatxModeOffset = 28;

    [LibraryImport(Lib, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Statx(int dirFd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport(Lib, EntryPoint = "geteuid")]
    public static partial uint GetEuid();
}
