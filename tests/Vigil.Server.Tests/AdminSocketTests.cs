using System.Net.Sockets;
using Vigil.Server.Admin;

namespace Vigil.Server.Tests;

/// <summary>The admin socket is never reachable under the process umask, not even between bind and chmod.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AdminSocketTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-admin-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void SocketPath_NeverExistsWithAModeOtherThan0600()
    {
        string path = Path.Combine(_dir, "admin.sock");
        UnixFileMode? seenRightAfterBind = null;

        using Socket socket = AdminSocket.Bind(path, afterBind: () => seenRightAfterBind = File.Exists(path) ? File.GetUnixFileMode(path) : null);

        // Either not yet visible at its final path, or already private.
        Assert.True(seenRightAfterBind is null || seenRightAfterBind == (UnixFileMode.UserRead | UnixFileMode.UserWrite), $"admin.sock was {seenRightAfterBind} right after bind");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        using var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        client.Connect(new UnixDomainSocketEndPoint(path));
        Assert.Empty(Directory.GetDirectories(_dir));
    }
}
