using System.Runtime.InteropServices;
using Vigil.Exec.Interop;

namespace Vigil.Exec.Permissions;

/// <summary>A file's owner uid and permission bits, as <c>stat</c> reports them (symlinks followed, like sshd).</summary>
internal readonly record struct FileOwnership(uint OwnerUid, int Mode)
{
    /// <summary>The owner and mode of <paramref name="path"/>; throws <see cref="IOException"/> when it cannot be examined.</summary>
    public static unsafe FileOwnership Of(string path)
    {
        byte* buffer = stackalloc byte[LibC.StatxSize];
        new Span<byte>(buffer, LibC.StatxSize).Clear();
        if (LibC.Statx(LibC.AT_FDCWD, path, 0, LibC.STATX_MODE | LibC.STATX_UID, buffer) != 0)
        {
            int errno = Marshal.GetLastSystemError();
            throw new IOException($"{path}: cannot examine permissions: {Marshal.GetPInvokeErrorMessage(errno)}");
        }

        uint uid = *(uint*)(buffer + LibC.StatxUidOffset);
        int mode = *(ushort*)(buffer + LibC.StatxModeOffset) & 0xFFF;
        return new FileOwnership(uid, mode);
    }

    /// <summary>The effective uid of this process.</summary>
    public static uint CurrentUid => LibC.GetEuid();
}
