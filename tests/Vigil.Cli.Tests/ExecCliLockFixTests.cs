using System.Runtime.Versioning;

namespace Vigil.Cli.Tests;

/// <summary>
/// <c>vigil serve</c> refuses to share a key directory or an audit log with a running daemon (one line, exit 2,
/// the running daemon's admin socket untouched), and <c>vigil exec</c> to a daemon with another key says so in one line.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ExecCliLockFixTests(ExecCliFixture host) : IClassFixture<ExecCliFixture>
{
    [Fact]
    public void SecondServe_SameKeyDirectory_ExitsTwo_AndLeavesTheRunningSocket()
    {
        string acl = SoloAcl();
        CliRun second = CliRunner.Run("serve", "--dir", host.BobDir, "--acl", acl, "--listen", "127.0.0.1:0");

        Assert.Equal(2, second.Exit);
        Assert.Equal($"vigil: error: another vigil daemon is running with key directory {host.BobDir}\n", second.Stderr);
        Assert.True(File.Exists(Path.Combine(host.BobDir, "admin.sock")));
        Assert.Equal(0, CliRunner.Run("exec", host.Address, "--dir", host.AliceDir, "--machine", host.BobMachine, "--", "echo", "1").Exit);
    }

    [Fact]
    public void SecondServe_SameAuditLog_ExitsTwo()
    {
        string dir = Path.Combine(host.Root, "lockfix-" + Guid.NewGuid().ToString("N"));
        new Vigil.Exec.Identity.KeyDirectory(dir).Generate(force: false).Dispose();
        string audit = Path.Combine(host.Root, "audit.log");

        CliRun second = CliRunner.Run("serve", "--dir", dir, "--acl", Path.Combine(host.Root, "exec-acl.toml"), "--listen", "127.0.0.1:0");

        Assert.Equal(2, second.Exit);
        Assert.Equal($"vigil: error: audit log {audit} is in use by another vigil process (lock {audit}.lock)\n", second.Stderr);
        Assert.False(File.Exists(Path.Combine(dir, "admin.sock")));
    }

    [Fact]
    public void Exec_WrongPin_OneLineNamingBothIds()
    {
        string wrong = new('c', 64);
        CliRun run = CliRunner.Run("exec", host.Address, "--dir", host.AliceDir, "--machine", wrong, "--", "echo", "1");

        Assert.Equal(2, run.Exit);
        Assert.Single(run.Stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("vigil: error: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(
            $"{host.Address} presented machine id {host.BobMachine}, but the pin (--machine / known_hosts) is {wrong}; refusing to connect",
            run.Stderr,
            StringComparison.Ordinal);
    }

    private string SoloAcl()
    {
        string acl = Path.Combine(host.Root, "lockfix-" + Guid.NewGuid().ToString("N") + "-acl.toml");
        File.WriteAllText(acl, File.ReadAllText(Path.Combine(host.Root, "exec-acl.toml")).Replace(
            Path.Combine(host.Root, "audit.log"), acl + ".audit.log", StringComparison.Ordinal));
        return acl;
    }
}
