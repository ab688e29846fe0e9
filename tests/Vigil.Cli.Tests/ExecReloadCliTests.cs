namespace Vigil.Cli.Tests;

/// <summary>
/// Issue 9 acceptance 4 with a real signal: <c>kill -HUP</c> on a running <c>vigil serve</c> puts a valid ACL in
/// force for the next request, and refuses an invalid one (logged) while the old policy stays.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ExecReloadCliTests(ExecCliFixture host) : IClassFixture<ExecCliFixture>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private CliRun Exec(params string[] argv) =>
        CliRunner.Run(["exec", host.Address, "--dir", host.AliceDir, "--machine", host.BobMachine, "--", .. argv]);

    [Fact]
    public async Task Sighup_applies_a_valid_acl_to_the_next_request_and_refuses_an_invalid_one()
    {
        string original = await File.ReadAllTextAsync(host.AclPath);
        const string falseRule = "[[exec.allow.commands]]\nargv = [\"false\"]\n";
        Assert.Contains(falseRule, original, StringComparison.Ordinal);
        Assert.Equal(1, Exec("false").Exit); // allowed: the remote command's own code

        // An invalid ACL: refused and logged, the old policy stays in force.
        await File.WriteAllTextAsync(host.AclPath, original.Replace("enabled = true", "enabled = maybe", StringComparison.Ordinal));
        ExecCliFixture.Signal(host.ServePid, "HUP");
        await host.WaitForServeLineAsync("acl reload refused", 1, Bound);
        Assert.Equal(1, Exec("false").Exit);

        // A valid ACL without `false`: in force for the next request.
        await File.WriteAllTextAsync(host.AclPath, original.Replace(falseRule, string.Empty, StringComparison.Ordinal));
        ExecCliFixture.Signal(host.ServePid, "HUP");
        await host.WaitForServeLineAsync("acl reloaded", 1, Bound);
        CliRun denied = Exec("false");
        Assert.Equal(126, denied.Exit);
        Assert.Contains("argv_not_allowed", denied.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, Exec("echo", "7").Exit);
    }
}
