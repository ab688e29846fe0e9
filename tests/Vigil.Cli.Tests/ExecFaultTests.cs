using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using System.Text.Json;
using Vigil.Exec.Identity;

namespace Vigil.Cli.Tests;

/// <summary>
/// Issue 14 fault tests against a real <c>vigil serve</c> process: SIGKILL of the daemon mid-exec, a full audit
/// disk (a 64 KiB tmpfs; needs root, as CI has), and a torn last line written behind the daemon's back.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ExecFaultTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task DaemonKilledMidExec_RestartKillsTheChildAndRecordsTheSession()
    {
        await using var host = FaultHost.Create();
        await host.StartAsync();
        using Process exec = ExecCliFixture.Start(host.ExecArgs(host.LongRun));
        string? first = await exec.StandardOutput.ReadLineAsync().WaitAsync(Patience);
        int grandchild = int.Parse(first!.Trim(), CultureInfo.InvariantCulture);
        try
        {
            await host.KillDaemonAsync();
            await exec.WaitForExitAsync().WaitAsync(Patience);
            Assert.True(IsAlive(grandchild), "the session's process outlives the killed daemon until the restart");

            await host.StartAsync();

            await WaitUntilAsync(() => !IsAlive(grandchild), "the abandoned session's process to be killed by the restart");
            CliRun verify = CliRunner.Run("audit", "verify", host.AuditLog);
            Assert.Equal(0, verify.Exit);
            List<JsonElement> lines = host.AuditLines();
            string requestId = lines.Single(l => l.GetProperty("event").GetString() == "started").GetProperty("request_id").GetString()!;
            JsonElement exit = Assert.Single(lines, l => l.GetProperty("event").GetString() == "exit");
            Assert.Equal(requestId, exit.GetProperty("request_id").GetString());
            Assert.Equal("daemon_restart", exit.GetProperty("reason").GetString());

            Assert.Equal(0, CliRunner.Run(host.ExecArgs("echo", "7")).Exit);
            Assert.Equal(0, CliRunner.Run("audit", "verify", host.AuditLog).Exit);
        }
        finally
        {
            KillIfAlive(grandchild);
        }
    }

    [Fact]
    public async Task AuditDiskFull_DeniesAuditUnavailable_RunsNothing_AndRecovers()
    {
        await using var host = FaultHost.Create(tmpfsAudit: true);
        await host.StartAsync();
        Assert.Equal(0, CliRunner.Run(host.ExecArgs("echo", "1")).Exit);

        string filler = Path.Combine(Path.GetDirectoryName(host.AuditLog)!, "filler");
        FillDisk(filler);

        // The log's last page may still have room for a session or two; as it fills, requests are denied.
        CliRun? denied = null;
        for (int n = 10; n < 40 && denied is null; n++)
        {
            CliRun run = CliRunner.Run(host.ExecArgs("echo", n.ToString(CultureInfo.InvariantCulture)));
            if (run.Exit == 0)
            {
                Assert.Contains(host.AuditLines(), l => l.GetProperty("event").GetString() == "request" && l.GetProperty("argv")[1].GetString() == n.ToString(CultureInfo.InvariantCulture));
                continue;
            }

            denied = run;
            Assert.Equal(126, run.Exit);
            Assert.Contains("audit_unavailable", run.Stderr, StringComparison.Ordinal);
            Assert.Equal(string.Empty, run.Stdout);
            Assert.DoesNotContain(host.AuditLines(), l => l.TryGetProperty("argv", out JsonElement argv) && argv[1].GetString() == n.ToString(CultureInfo.InvariantCulture));
        }

        Assert.NotNull(denied);
        Assert.Equal(0, CliRunner.Run("audit", "verify", host.AuditLog).Exit);

        File.Delete(filler);
        CliRun recovered = CliRunner.Run(host.ExecArgs("echo", "3"));
        Assert.Equal(0, recovered.Exit);
        Assert.Equal("3\n", recovered.Stdout);
        Assert.Equal(0, CliRunner.Run("audit", "verify", host.AuditLog).Exit);
    }

    [Fact]
    public async Task TornLastLine_IsNeverExtended_VerifyNamesIt_AndAFreshLogResumes()
    {
        await using var host = FaultHost.Create();
        await host.StartAsync();
        Assert.Equal(0, CliRunner.Run(host.ExecArgs("echo", "1")).Exit);
        long intact = new FileInfo(host.AuditLog).Length;
        await File.AppendAllTextAsync(host.AuditLog, "{\"event\":\"requ");

        CliRun denied = CliRunner.Run(host.ExecArgs("echo", "2"));
        Assert.Equal(126, denied.Exit);
        Assert.Contains("audit_unavailable", denied.Stderr, StringComparison.Ordinal);
        CliRun verify = CliRunner.Run("audit", "verify", host.AuditLog);
        Assert.Equal(1, verify.Exit);
        Assert.Contains("seq 3", verify.Stdout, StringComparison.Ordinal);
        Assert.Contains("torn", verify.Stdout, StringComparison.Ordinal);
        Assert.Equal(intact + 14, new FileInfo(host.AuditLog).Length);

        // The operator moves the damaged log aside: the daemon starts a new chain at seq 0.
        File.Move(host.AuditLog, host.AuditLog + ".torn");
        Assert.Equal(0, CliRunner.Run(host.ExecArgs("echo", "3")).Exit);
        Assert.Equal(0L, host.AuditLines()[0].GetProperty("seq").GetInt64());
        Assert.Equal(0, CliRunner.Run("audit", "verify", host.AuditLog).Exit);
    }

    private static void FillDisk(string path)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1);
        byte[] block = new byte[4096];
        try
        {
            while (true)
            {
                stream.Write(block);
            }
        }
        catch (IOException)
        {
            // ENOSPC: the disk is full, which is the point.
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            string stat = File.ReadAllText("/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/stat");
            return stat[stat.LastIndexOf(')') + 2] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static void KillIfAlive(int pid)
    {
        if (IsAlive(pid))
        {
            ExecCliFixture.Signal(pid, "KILL");
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition())
        {
            Assert.False(timeout.IsCancellationRequested, "timed out waiting for " + what);
            await Task.Delay(20);
        }
    }

    /// <summary>Keys for bob (daemon) and alice (caller), an ACL for alice, and bob's daemon started and stopped on demand.</summary>
    private sealed class FaultHost : IAsyncDisposable
    {
        private readonly List<string> _stderr = [];
        private readonly bool _tmpfs;
        private Process? _serve;
        private int _port;

        private FaultHost(string root, bool tmpfs)
        {
            Root = root;
            _tmpfs = tmpfs;
        }

        public string Root { get; }

        public string BobDir => Path.Combine(Root, "bob");

        public string AliceDir => Path.Combine(Root, "alice");

        public string Acl => Path.Combine(Root, "acl.toml");

        public string AuditLog => Path.Combine(Root, "audit", "audit.log");

        public string LongRun => Path.Combine(Root, "longrun.sh");

        public string BobMachine { get; private set; } = string.Empty;

        public static FaultHost Create(bool tmpfsAudit = false)
        {
            var host = new FaultHost(Directory.CreateTempSubdirectory("vigil-fault-").FullName, tmpfsAudit);
            host.Prepare();
            return host;
        }

        public string[] ExecArgs(params string[] argv) =>
            ["exec", "127.0.0.1:" + _port.ToString(CultureInfo.InvariantCulture), "--dir", AliceDir, "--machine", BobMachine, "--", .. argv];

        public async Task StartAsync()
        {
            (_serve, _port) = await ExecCliFixture.StartServeAsync(_stderr, "serve", "--dir", BobDir, "--acl", Acl, "--listen", "127.0.0.1:0");
        }

        public async Task KillDaemonAsync()
        {
            ExecCliFixture.Signal(_serve!.Id, "KILL");
            await _serve.WaitForExitAsync().WaitAsync(Patience);
            _serve.Dispose();
            _serve = null;
        }

        public List<JsonElement> AuditLines() =>
            [.. File.ReadAllLines(AuditLog).Select(l => JsonDocument.Parse(l).RootElement.Clone())];

        public async ValueTask DisposeAsync()
        {
            if (_serve is not null)
            {
                await ExecCliFixture.StopAsync(_serve);
                _serve.Dispose();
            }

            if (_tmpfs)
            {
                Run("umount", Path.GetDirectoryName(AuditLog)!);
            }

            Directory.Delete(Root, recursive: true);
        }

        private void Prepare()
        {
            using HostIdentity bob = new KeyDirectory(BobDir).Generate(force: false);
            using HostIdentity alice = new KeyDirectory(AliceDir).Generate(force: false);
            BobMachine = bob.MachineId.ToString();
            string auditDir = Path.GetDirectoryName(AuditLog)!;
            Directory.CreateDirectory(auditDir);
            if (_tmpfs)
            {
                Assert.True(Run("mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs", auditDir) == 0, "mounting a tmpfs needs root (CI runs as root)");
            }

            File.WriteAllText(LongRun, "#!/bin/sh\nsleep 300 &\necho $!\nwait\n");
            File.SetUnixFileMode(LongRun, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.WriteAllText(Acl, $"""
                [exec]
                enabled = true
                audit_log_path = "{AuditLog}"

                [[exec.allow]]
                agent_id = "{alice.AgentId}"
                machine_id = "{alice.MachineId}"

                [[exec.allow.commands]]
                argv = ["echo", "<INT>"]

                [[exec.allow.commands]]
                argv = ["{LongRun}"]

                """);
        }

        private static int Run(string file, params string[] args)
        {
            using Process p = Process.Start(new ProcessStartInfo(file, args) { UseShellExecute = false })!;
            p.WaitForExit();
            return p.ExitCode;
        }
    }
}
