using System.Runtime.Versioning;
using Vigil.Exec.Identity;

namespace Vigil.Exec.Tests.Identity;

// Key files are protected by Unix modes; Vigil runs on Linux.
[UnsupportedOSPlatform("windows")]
public sealed class KeyDirectoryTests
{
    private const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Mode0700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    [Fact]
    public void Generate_WritesOwnerOnlyFiles_AndLoadRoundTripsTheIds()
    {
        using var temp = new TempDirectory();
        var directory = new KeyDirectory(temp.Combine("keys"));

        AgentId agent;
        MachineId machine;
        using (HostIdentity created = directory.Generate(force: false))
        {
            agent = created.AgentId;
            machine = created.MachineId;
        }

        Assert.Equal(Mode0700, File.GetUnixFileMode(directory.Path));
        foreach (string file in new[] { directory.MachineKeyPath, directory.AgentKeyPath, directory.BindingPath })
        {
            Assert.Equal(Mode0600, File.GetUnixFileMode(file));
        }

        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(directory.MachineKeyPath));
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(directory.AgentKeyPath));
        Assert.Empty(Directory.GetFiles(directory.Path, "*.tmp-*"));

        using HostIdentity loaded = directory.Load();
        Assert.Equal(agent, loaded.AgentId);
        Assert.Equal(machine, loaded.MachineId);
        Assert.True(AgentBinding.Verify(loaded.Agent.PublicKey.Span, machine, loaded.Binding.Span));
    }

    [Fact]
    public void Generate_RefusesToOverwrite_WithoutForce()
    {
        using var temp = new TempDirectory();
        var directory = new KeyDirectory(temp.Path);
        directory.Generate(force: false).Dispose();
        byte[] before = File.ReadAllBytes(directory.AgentKeyPath);

        var error = Assert.Throws<KeyFileException>(() => directory.Generate(force: false));
        Assert.Contains("already exists", error.Message);
        Assert.Contains("--force", error.Message);
        Assert.Equal(before, File.ReadAllBytes(directory.AgentKeyPath));
    }

    [Fact]
    public void Generate_RefusesWhenAnyOneFileExists()
    {
        using var temp = new TempDirectory();
        var directory = new KeyDirectory(temp.Path);
        File.WriteAllText(directory.BindingPath, "keep me");

        var error = Assert.Throws<KeyFileException>(() => directory.Generate(force: false));
        Assert.Contains(directory.BindingPath, error.Message);
        Assert.False(File.Exists(directory.AgentKeyPath));
        Assert.Equal("keep me", File.ReadAllText(directory.BindingPath));
    }

    [Fact]
    public void Generate_WithForce_ReplacesTheKeys()
    {
        using var temp = new TempDirectory();
        var directory = new KeyDirectory(temp.Path);
        AgentId first;
        using (HostIdentity created = directory.Generate(force: false))
        {
            first = created.AgentId;
        }

        using HostIdentity replaced = directory.Generate(force: true);
        Assert.NotEqual(first, replaced.AgentId);
        using HostIdentity loaded = directory.Load();
        Assert.Equal(replaced.AgentId, loaded.AgentId);
        Assert.Equal(Mode0600, File.GetUnixFileMode(directory.AgentKeyPath));
    }

    [Fact]
    public void Generate_UnwritableDirectory_IsAKeyFileError_AndLeavesNoTemporaries()
    {
        using var temp = new TempDirectory();
        string blocker = temp.Combine("file");
        File.WriteAllText(blocker, "");
        var directory = new KeyDirectory(Path.Combine(blocker, "keys"));

        var error = Assert.Throws<KeyFileException>(() => directory.Generate(force: false));
        Assert.Contains("cannot write keys", error.Message);
        Assert.Equal([blocker], Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public void Load_MissingKey_NamesTheFile()
    {
        using var temp = new TempDirectory();
        var directory = new KeyDirectory(temp.Path);
        var error = Assert.Throws<KeyFileException>(() => directory.Load());
        Assert.Contains(directory.MachineKeyPath, error.Message);
        Assert.Contains("not found", error.Message);
        Assert.Contains("vigil keygen", error.Message);
    }

    [Theory]
    [InlineData(KeyDirectory.MachineKeyFileName, "not a valid ECDSA P-256 private key")]
    [InlineData(KeyDirectory.AgentKeyFileName, "not a PEM 'PRIVATE KEY' file")]
    public void Load_CorruptKey_IsAClearError(string fileName, string expected)
    {
        using var temp = new TempDirectory();
        var directory = new KeyDirectory(temp.Path);
        directory.Generate(force: false).Dispose();
        string path = Path.Combine(directory.Path, fileName);
        File.WriteAllText(path, "this is not a key\n");

        var error = Assert.Throws<KeyFileException>(() => directory.Load());
        Assert.Contains(path, error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Load_MachineKeyInTheAgentSlot_IsRejected()
    {
        using var temp = new TempDirectory();
        var directory = new KeyDirectory(temp.Path);
        directory.Generate(force: false).Dispose();
        File.Copy(directory.MachineKeyPath, directory.AgentKeyPath, overwrite: true);

        var error = Assert.Throws<KeyFileException>(() => directory.Load());
        Assert.Contains("ML-DSA-65", error.Message);
    }

    [Fact]
    public void Load_RefusesAKeyReadableByOthers()
    {
        using var temp = new TempDirectory();
        var directory = new KeyDirectory(temp.Path);
        directory.Generate(force: false).Dispose();
        File.SetUnixFileMode(directory.AgentKeyPath, Mode0600 | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var error = Assert.Throws<KeyFileException>(() => directory.Load());
        Assert.Contains("0644", error.Message);
        Assert.Contains(directory.AgentKeyPath, error.Message);
    }

    [Fact]
    public void Load_AgentKeyCopiedToAnotherHost_FailsItsBinding()
    {
        using var temp = new TempDirectory();
        var hostA = new KeyDirectory(temp.Combine("a"));
        var hostB = new KeyDirectory(temp.Combine("b"));
        hostA.Generate(force: false).Dispose();
        hostB.Generate(force: false).Dispose();
        File.Copy(hostA.AgentKeyPath, hostB.AgentKeyPath, overwrite: true);
        File.Copy(hostA.BindingPath, hostB.BindingPath, overwrite: true);

        var error = Assert.Throws<KeyFileException>(() => hostB.Load());
        Assert.Contains(hostB.BindingPath, error.Message);
        Assert.Contains("does not bind", error.Message);
    }
}
