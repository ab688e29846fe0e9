using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

using Vigil.Exec.Tests.Shared;

namespace Vigil.Cli.Tests;

/// <summary><c>vigil serve</c>, <c>vigil exec</c> and <c>vigil diagnostics</c> end to end, as separate processes.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ExecCliTests(ExecCliFixture host) : IClassFixture<ExecCliFixture>
{
    private CliRun Exec(params string[] argv) =>
        CliRunner.Run(["exec", host.Address, "--dir", host.AliceDir, "--machine", host.BobMachine, "--", .. argv]);

    [Fact]
    public void Exec_StreamsRemoteOutput_ExitsWithRemoteCode()
    {
        CliRun r = Exec("echo", "42");
        Assert.Equal(0, r.Exit);
        Assert.Equal("42\n", r.Stdout);
        Assert.Equal(string.Empty, r.Stderr);

        CliRun f = Exec("false");
        Assert.Equal(1, f.Exit);
    }

    [Fact]
    public void Exec_Denial_Exits126_WithReasonOnStderr()
    {
        CliRun r = Exec("echo", "hello");
        Assert.Equal(126, r.Exit);
        Assert.Equal(string.Empty, r.Stdout);
        Assert.Equal("vigil: exec denied: argv_not_allowed\n", r.Stderr);
    }

    [Fact]
    public void Exec_TimedOut_SaysSoOnStderr()
    {
        CliRun r = CliRunner.Run(["exec", host.Address, "--dir", host.AliceDir, "--machine", host.BobMachine, "--timeout", "1", "--", host.Script("longrun.sh")]);

        Assert.True(r.Exit > 128, r.Stderr);
        Assert.Contains("vigil: timed out after 1 s; remote process group killed\n", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Exec_DeniedWordWithSpaces_GetsTheNoShellHint()
    {
        CliRun r = Exec("echo 1");

        Assert.Equal(126, r.Exit);
        Assert.Equal("vigil: hint: the argument 'echo 1' contains spaces; no shell splits it on the daemon, so pass each word as its own argument\nvigil: exec denied: argv_not_allowed\n", r.Stderr);
    }

    [Fact]
    public void Exec_SignalKilled_Exits128PlusSignal()
    {
        CliRun r = Exec(host.Script("selfkill.sh"));
        Assert.Equal(128 + 9, r.Exit);
    }

    [Fact]
    public void Exec_Json_PrintsAggregatedResult()
    {
        CliRun r = CliRunner.Run("exec", host.Address, "--dir", host.AliceDir, "--machine", host.BobMachine, "--json", "--", "echo", "5");
        Assert.Equal(0, r.Exit);
        using JsonDocument doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal(Convert.ToBase64String("5\n"u8), doc.RootElement.GetProperty("stdout_b64").GetString());
        Assert.Equal(0, doc.RootElement.GetProperty("code").GetInt32());
        Assert.Equal(32, doc.RootElement.GetProperty("request_id").GetString()!.Length);
    }

    [Fact]
    public void Exec_KnownHostsPin_IsUsedWithoutMachineFlag()
    {
        string dir = Path.Combine(host.Root, "alice-known-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute); // a key directory must be 0700
        foreach (string f in Directory.GetFiles(host.AliceDir))
        {
            if (!f.EndsWith("admin.sock", StringComparison.Ordinal))
            {
                File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
            }
        }

        CliRun unpinned = CliRunner.Run("exec", host.Address, "--dir", dir, "--", "echo", "1");
        Assert.Equal(2, unpinned.Exit);
        Assert.StartsWith("vigil: error: no pinned machine id for " + host.Address, unpinned.Stderr, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(dir, "known_hosts"), "# pinned daemons\n" + host.Address + " " + host.BobMachine.ToUpperInvariant() + "\n");
        CliRun pinned = CliRunner.Run("exec", host.Address, "--dir", dir, "--", "echo", "1");
        Assert.Equal(0, pinned.Exit);
        Assert.Equal("1\n", pinned.Stdout);
    }

    [Fact]
    public void Exec_TrustOnFirstUse_SavesTheDaemonKey_ThenPinsIt()
    {
        string dir = Path.Combine(host.Root, "alice-tofu-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute); // a key directory must be 0700
        foreach (string f in Directory.GetFiles(host.AliceDir))
        {
            File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        }

        CliRun first = CliRunner.Run("exec", host.Address, "--dir", dir, "--trust-on-first-use", "--", "echo", "2");
        Assert.Equal(0, first.Exit);
        Assert.Equal("2\n", first.Stdout);
        Assert.StartsWith("vigil: trusting " + host.Address + " machine_id " + host.BobMachine, first.Stderr, StringComparison.Ordinal);
        Assert.Equal(host.Address + " " + host.BobMachine + "\n", File.ReadAllText(Path.Combine(dir, "known_hosts")));

        CliRun second = CliRunner.Run("exec", host.Address, "--dir", dir, "--", "echo", "3");
        Assert.Equal(0, second.Exit);
        Assert.Equal(string.Empty, second.Stderr);
    }

    [Fact]
    public void Exec_WrongPin_IsTransportError_Exit2()
    {
        string wrong = new('a', 64);
        CliRun r = CliRunner.Run("exec", host.Address, "--dir", host.AliceDir, "--machine", wrong, "--", "echo", "1");
        Assert.Equal(2, r.Exit);
        Assert.Equal($"vigil: error: {host.Address} presented machine id {host.BobMachine}, but the pin (--machine / known_hosts) is {wrong}; refusing to connect\n", r.Stderr);
    }

    [Fact]
    public void Exec_UnreadableStdinFile_Exit2()
    {
        string missing = Path.Combine(host.Root, "no-such-file");
        CliRun r = CliRunner.Run("exec", host.Address, "--dir", host.AliceDir, "--machine", host.BobMachine, "--stdin-file", missing, "--", "echo", "1");
        Assert.Equal(2, r.Exit);
        Assert.StartsWith("vigil: error: failed to read stdin file " + missing, r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_CtrlC_CancelsRemoteCommandAndItsGrandchild()
    {
        using Process p = ExecCliFixture.Start("exec", host.Address, "--dir", host.AliceDir, "--machine", host.BobMachine, "--", host.Script("longrun.sh"));
        string? line = await p.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        int grandchild = int.Parse(line!, CultureInfo.InvariantCulture);
        Assert.True(File.Exists("/proc/" + grandchild.ToString(CultureInfo.InvariantCulture) + "/stat"));

        ExecCliFixture.Signal(p.Id, "INT");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await p.WaitForExitAsync(timeout.Token);

        Assert.Equal(128 + 15, p.ExitCode);
        Assert.Contains("vigil: cancelled; remote process group killed", await p.StandardError.ReadToEndAsync(), StringComparison.Ordinal);
        while (ProcessWatch.IsAlive(grandchild))
        {
            timeout.Token.ThrowIfCancellationRequested();
            await Task.Delay(20, timeout.Token);
        }
    }

    [Fact]
    public async Task ExecCancel_FromAnotherProcess_EndsTheSession()
    {
        using Process p = ExecCliFixture.Start("exec", host.Address, "--dir", host.AliceDir, "--machine", host.BobMachine, "--", host.Script("longrun.sh"));
        string? line = await p.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.NotNull(line);

        CliRun listed = CliRunner.Run("exec", "sessions", "--dir", host.BobDir);
        string requestId = JsonDocument.Parse(listed.Stdout).RootElement.GetProperty("active_servers").EnumerateArray()
            .Single(s => s.GetProperty("argv_summary").GetString() == host.Script("longrun.sh"))
            .GetProperty("request_id").GetString()!;

        CliRun wrongAgent = CliRunner.Run("exec", "cancel", host.Address, requestId, "--dir", host.BobDir, "--machine", host.BobMachine);
        Assert.Equal(1, wrongAgent.Exit);

        CliRun cancel = CliRunner.Run("exec", "cancel", host.Address, requestId, "--dir", host.AliceDir, "--machine", host.BobMachine);
        Assert.Equal(0, cancel.Exit);
        Assert.Equal("cancel sent for " + requestId + "\n", cancel.Stdout);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await p.WaitForExitAsync(timeout.Token);
        Assert.Equal(128 + 15, p.ExitCode);
    }

    [Fact]
    public void Diagnostics_LocalAdminSocket_AndRemote()
    {
        Exec("echo", "9");
        CliRun local = CliRunner.Run("diagnostics", "--dir", host.BobDir, "--json");
        Assert.Equal(0, local.Exit);
        using JsonDocument doc = JsonDocument.Parse(local.Stdout);
        Assert.True(doc.RootElement.GetProperty("enabled").GetBoolean());
        Assert.True(doc.RootElement.GetProperty("totals").GetProperty("requests_allowed").GetInt64() >= 1);

        CliRun text = CliRunner.Run("diagnostics", "--dir", host.BobDir);
        Assert.Equal(0, text.Exit);
        Assert.Contains("\nrequests_received ", text.Stdout, StringComparison.Ordinal);

        CliRun remote = CliRunner.Run("diagnostics", host.Address, "--dir", host.AliceDir, "--machine", host.BobMachine, "--json");
        Assert.Equal(0, remote.Exit);
        Assert.True(JsonDocument.Parse(remote.Stdout).RootElement.GetProperty("ok").GetBoolean());

        CliRun sessions = CliRunner.Run("exec", "sessions", "--dir", host.BobDir);
        Assert.Equal(0, sessions.Exit);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(sessions.Stdout).RootElement.GetProperty("active_servers").ValueKind);
    }

    [Fact]
    public void Diagnostics_NoLocalDaemon_Exit2()
    {
        CliRun r = CliRunner.Run("diagnostics", "--dir", host.AliceDir);
        Assert.Equal(2, r.Exit);
        Assert.Contains("no local daemon", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_MissingExplicitAcl_Exit2_OneLine()
    {
        CliRun r = CliRunner.Run("serve", "--dir", host.AliceDir, "--acl", Path.Combine(host.Root, "missing.toml"), "--listen", "127.0.0.1:0");
        Assert.Equal(2, r.Exit);
        Assert.StartsWith("vigil: error: ", r.Stderr, StringComparison.Ordinal);
        Assert.Single(r.Stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Serve_BadListen_Exit2()
    {
        CliRun r = CliRunner.Run("serve", "--dir", host.AliceDir, "--listen", "nohost");
        Assert.Equal(2, r.Exit);
        Assert.StartsWith("vigil: error: --listen: expected HOST:PORT", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_StopsOnSigterm_WithExitZero_AndRemovesAdminSocket()
    {
        string dir = Path.Combine(host.Root, "solo-" + Guid.NewGuid().ToString("N"));
        new Vigil.Exec.Identity.KeyDirectory(dir).Generate(force: false).Dispose();
        // Its own audit log: one daemon per audit log (the fixture's daemon holds the shared one).
        string acl = dir + "-acl.toml";
        File.WriteAllText(acl, File.ReadAllText(Path.Combine(host.Root, "exec-acl.toml")).Replace(
            Path.Combine(host.Root, "audit.log"), dir + "-audit.log", StringComparison.Ordinal));
        var lines = new List<string>();
        (Process p, int port) = await ExecCliFixture.StartServeAsync(lines, "serve", "--dir", dir, "--acl", acl, "--listen", "127.0.0.1:0");
        using (p)
        {
            Assert.True(port > 0);
            Assert.True(File.Exists(Path.Combine(dir, "admin.sock")));
            Assert.Equal(0, await ExecCliFixture.StopAsync(p));
            Assert.False(File.Exists(Path.Combine(dir, "admin.sock")));
        }
    }
}
