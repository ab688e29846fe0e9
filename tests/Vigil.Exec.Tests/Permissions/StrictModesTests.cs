using System.Runtime.Versioning;
using Vigil.Exec.Audit;
using Vigil.Exec.Identity;
using Vigil.Exec.Policy;
using Vigil.Exec.Tests.Audit;
using Vigil.Exec.Tests.Identity;
using Vigil.Exec.Tests.Policy;

namespace Vigil.Exec.Tests.Permissions;

/// <summary>
/// Issue 14 item 8: loose permissions are refused with the command that fixes them. The ownership cases hand files to
/// another uid, which needs root (CI runs as root); elsewhere they check what they can and say so.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class StrictModesTests
{
    private const int Nobody = 65534;

    private static bool IsRoot => Environment.UserName == "root";

    private static KeyDirectory NewKeys(TempDirectory temp)
    {
        var keys = new KeyDirectory(temp.Combine("keys"));
        keys.Generate(force: false).Dispose();
        return keys;
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute)]
    [InlineData((UnixFileMode)0x1FF)]
    public void KeyDirectoryOpenToOthers_IsRefused(UnixFileMode mode)
    {
        using var temp = new TempDirectory();
        KeyDirectory keys = NewKeys(temp);
        File.SetUnixFileMode(keys.Path, mode);

        var error = Assert.Throws<KeyFileException>(keys.Load);

        Assert.Contains($"chmod 700 '{keys.Path}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyFileOwnedByAnotherUser_IsRefused()
    {
        Assert.True(IsRoot, "needs root to give a file away (CI runs as root)");
        using var temp = new TempDirectory();
        KeyDirectory keys = NewKeys(temp);
        Chown(keys.AgentKeyPath, Nobody);

        var error = Assert.Throws<KeyFileException>(keys.Load);

        Assert.Contains(keys.AgentKeyPath, error.Message, StringComparison.Ordinal);
        Assert.Contains($"chown root '{keys.AgentKeyPath}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PrivateKeys_StillLoad()
    {
        using var temp = new TempDirectory();
        KeyDirectory keys = NewKeys(temp);
        keys.Load().Dispose();
    }

    [Fact]
    public void AclWritableByOthers_IsRefused()
    {
        using var temp = new TempDirectory();
        string acl = temp.Combine("acl.toml");
        File.WriteAllText(acl, AclText.Enabled(commands: [["echo"]]));
        AclLoader.Load(acl);
        File.SetUnixFileMode(acl, (UnixFileMode)0x1B6); // 0666

        var error = Assert.Throws<AclException>(() => AclLoader.Load(acl));

        Assert.Contains($"chmod go-w '{acl}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("0666", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AclOwnedByAnotherUser_IsRefused()
    {
        Assert.True(IsRoot, "needs root to give a file away (CI runs as root)");
        using var temp = new TempDirectory();
        string acl = temp.Combine("acl.toml");
        File.WriteAllText(acl, AclText.Enabled(commands: [["echo"]]));
        Chown(acl, Nobody);

        var error = Assert.Throws<AclException>(() => AclLoader.Load(acl));

        Assert.Contains($"chown root '{acl}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditLogWritableByOthers_IsRefusedAtOpen()
    {
        using var temp = new TempDirectory();
        string log = temp.Combine("exec.log");
        await AuditTestData.WriteLogAsync(log, 2, new ManualTimeProvider(AuditTestData.Epoch));
        File.SetUnixFileMode(log, (UnixFileMode)0x1B6);

        var error = Assert.Throws<IOException>(() => new AuditLog(log, TimeProvider.System));

        Assert.Contains($"chmod go-w '{log}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditLogMadeWritableWhileRunning_IsNotExtended()
    {
        using var temp = new TempDirectory();
        string log = temp.Combine("exec.log");
        await using var audit = new AuditLog(log, TimeProvider.System);
        await audit.AppendAsync(AuditTestData.Request(0));

        // Rotated behind the daemon's back to a fresh file anyone may write.
        File.Move(log, log + ".old");
        File.WriteAllBytes(log, []);
        File.SetUnixFileMode(log, (UnixFileMode)0x1B6);

        await Assert.ThrowsAsync<AuditUnavailableException>(async () => await audit.AppendAsync(AuditTestData.Request(1)));
        Assert.Equal(0, new FileInfo(log).Length);
    }

    private static void Chown(string path, int uid)
    {
        using var process = System.Diagnostics.Process.Start("chown", [uid.ToString(System.Globalization.CultureInfo.InvariantCulture), path])!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
