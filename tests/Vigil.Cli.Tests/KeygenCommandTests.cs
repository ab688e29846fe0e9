using System.Runtime.Versioning;
using System.Text.RegularExpressions;

namespace Vigil.Cli.Tests;

/// <summary><c>vigil keygen</c> end to end, running the built CLI.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class KeygenCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-keygen-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Keygen_CreatesOwnerOnlyKeys_AndPrintsBothIds()
    {
        string keys = Path.Combine(_dir, "keys");
        CliRun r = CliRunner.Run("keygen", "--dir", keys);

        Assert.Equal(0, r.Exit);
        Assert.Equal(string.Empty, r.Stderr);
        Assert.Matches(new Regex("^agent_id [0-9a-f]{64}\nmachine_id [0-9a-f]{64}\n$"), r.Stdout);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(keys));
        foreach (string file in new[] { "machine.key", "agent.key", "binding.sig" })
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(keys, file)));
        }
    }

    [Fact]
    public void Keygen_Twice_RefusesToOverwrite()
    {
        CliRun first = CliRunner.Run("keygen", "--dir", _dir);
        byte[] agentKey = File.ReadAllBytes(Path.Combine(_dir, "agent.key"));

        CliRun second = CliRunner.Run("keygen", "--dir", _dir);

        Assert.Equal(0, first.Exit);
        Assert.Equal(2, second.Exit);
        Assert.Equal(string.Empty, second.Stdout);
        Assert.Equal(
            $"vigil: error: {Path.Combine(_dir, "machine.key")}: already exists (use --force to replace the keys)\n",
            second.Stderr);
        Assert.Equal(agentKey, File.ReadAllBytes(Path.Combine(_dir, "agent.key")));
    }

    [Fact]
    public void Keygen_Force_ReplacesTheKeys()
    {
        CliRun first = CliRunner.Run("keygen", "--dir", _dir);
        CliRun forced = CliRunner.Run("keygen", "--dir", _dir, "--force");

        Assert.Equal(0, forced.Exit);
        Assert.NotEqual(first.Stdout, forced.Stdout);
        Assert.Equal(forced.Stdout, CliRunner.Run("id", "--dir", _dir).Stdout);
    }

    [Fact]
    public void Keygen_DefaultsToDotVigilInHome()
    {
        CliRun r = CliRunner.RunWithEnvironment(new Dictionary<string, string> { ["HOME"] = _dir }, "keygen");
        Assert.Equal(0, r.Exit);
        Assert.True(File.Exists(Path.Combine(_dir, ".vigil", "agent.key")));
    }
}
