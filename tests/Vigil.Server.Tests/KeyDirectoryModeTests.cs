using System.Net;
using Vigil.Exec.Identity;
using Vigil.Server.Daemon;

namespace Vigil.Server.Tests;

/// <summary>The daemon never runs from a key directory other users can enter: it tightens it to 0700 first.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class KeyDirectoryModeTests : IDisposable
{
    private const UnixFileMode Owner = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private readonly string _root = Directory.CreateTempSubdirectory("vigil-keymode-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData(UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute)]
    [InlineData(UnixFileMode.OtherWrite | UnixFileMode.OtherExecute)]
    public async Task OpenKeyDirectory_IsTightenedTo0700BeforeServing(UnixFileMode extra)
    {
        string keyDir = Path.Combine(_root, "keys");
        new KeyDirectory(keyDir).Generate(force: false).Dispose();
        File.SetUnixFileMode(keyDir, Owner | extra);

        await using VigilDaemon daemon = await VigilDaemon.StartAsync(new DaemonOptions
        {
            KeyDirectory = keyDir,
            AclPath = null,
            Listen = new IPEndPoint(IPAddress.Loopback, 0),
        });

        Assert.Equal(Owner, File.GetUnixFileMode(keyDir));
    }
}
