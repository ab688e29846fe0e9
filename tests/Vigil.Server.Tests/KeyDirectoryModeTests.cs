using System.Net;
using Vigil.Exec.Identity;
using Vigil.Server.Daemon;

namespace Vigil.Server.Tests;

/// <summary>The daemon never runs from a key directory other users can enter: it tightens a readable one to 0700 first and refuses a writable one.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class KeyDirectoryModeTests : IDisposable
{
    private const UnixFileMode Owner = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private readonly string _root = Directory.CreateTempSubdirectory("vigil-keymode-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData(UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute)]
    [InlineData(UnixFileMode.OtherExecute)]
    public async Task ReadableKeyDirectory_IsTightenedTo0700BeforeServing(UnixFileMode extra)
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

    [Fact]
    public async Task WritableKeyDirectory_IsRefusedNotRepaired()
    {
        // Anyone who could write it may already have swapped the keys: sshd's strict modes refuse, so does the daemon.
        string keyDir = Path.Combine(_root, "keys");
        new KeyDirectory(keyDir).Generate(force: false).Dispose();
        File.SetUnixFileMode(keyDir, Owner | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);

        KeyFileException refused = await Assert.ThrowsAsync<KeyFileException>(() => VigilDaemon.StartAsync(new DaemonOptions
        {
            KeyDirectory = keyDir,
            AclPath = null,
            Listen = new IPEndPoint(IPAddress.Loopback, 0),
        }));

        Assert.Contains("chmod 700", refused.Message, StringComparison.Ordinal);
        Assert.Equal(Owner | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute, File.GetUnixFileMode(keyDir));
    }
}
