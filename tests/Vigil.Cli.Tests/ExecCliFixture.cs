using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Vigil.Exec.Identity;

namespace Vigil.Cli.Tests;

/// <summary>
/// A real <c>vigil serve</c> child process for bob on 127.0.0.1:0 and a key directory for alice, whose pair the
/// ACL allows <c>echo &lt;INT&gt;</c>, <c>false</c> and two test scripts.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed partial class ExecCliFixture : IAsyncLifetime
{
    private Process? _serve;
    private readonly List<string> _serveErr = [];
    // Released once per stderr line of the daemon, so a test can wait for a journal line without sleeping.
    private readonly SemaphoreSlim _serveLine = new(0);

    public string Root { get; } = Directory.CreateTempSubdirectory("vigil-execcli-").FullName;

    public string BobDir => Path.Combine(Root, "bob");

    public string AliceDir => Path.Combine(Root, "alice");

    public string BobMachine { get; private set; } = string.Empty;

    public int Port { get; private set; }

    public string Address => "127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);

    public string Script(string name) => Path.Combine(Root, name);

    /// <summary>The ACL the daemon was started with (tests may rewrite it and send SIGHUP).</summary>
    public string AclPath => Path.Combine(Root, "exec-acl.toml");

    /// <summary>The running daemon's pid.</summary>
    public int ServePid => _serve?.Id ?? throw new InvalidOperationException("serve is not running");

    /// <summary>Waits until a daemon stderr line seen so far contains <paramref name="fragment"/> <paramref name="times"/> times.</summary>
    public async Task WaitForServeLineAsync(string fragment, int times, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (CountServeLines(fragment) < times)
        {
            await _serveLine.WaitAsync(deadline.Token);
        }
    }

    private int CountServeLines(string fragment)
    {
        lock (_serveErr)
        {
            return _serveErr.Count(l => l.Contains(fragment, StringComparison.Ordinal));
        }
    }

    public string ServeStderr
    {
        get
        {
            lock (_serveErr)
            {
                return string.Join('\n', _serveErr);
            }
        }
    }

    public async Task InitializeAsync()
    {
        using HostIdentity bob = new KeyDirectory(BobDir).Generate(force: false);
        using HostIdentity alice = new KeyDirectory(AliceDir).Generate(force: false);
        BobMachine = bob.MachineId.ToString();
        WriteScript("selfkill.sh", "#!/bin/sh\nkill -KILL $$\n");
        WriteScript("longrun.sh", "#!/bin/sh\nsleep 300 &\necho $!\nwait\n");
        string acl = AclPath;
        await File.WriteAllTextAsync(acl, $"""
            [exec]
            enabled = true
            audit_log_path = "{Path.Combine(Root, "audit.log")}"

            [[exec.allow]]
            agent_id = "{alice.AgentId}"
            machine_id = "{alice.MachineId}"
            diagnostics = true

            [[exec.allow.commands]]
            argv = ["echo", "<INT>"]

            [[exec.allow.commands]]
            argv = ["false"]

            [[exec.allow.commands]]
            argv = ["{Script("selfkill.sh")}"]

            [[exec.allow.commands]]
            argv = ["{Script("longrun.sh")}"]

            """);
        (_serve, Port) = await StartServeAsync(_serveErr, () => _serveLine.Release(), "serve", "--dir", BobDir, "--acl", acl, "--listen", "127.0.0.1:0");
    }

    public async Task DisposeAsync()
    {
        if (_serve is not null)
        {
            await StopAsync(_serve);
            _serve.Dispose();
        }

        Directory.Delete(Root, recursive: true);
    }

    /// <summary>Starts the CLI with the given args and waits for its "listening" line; returns the bound port.</summary>
    public static Task<(Process Process, int Port)> StartServeAsync(List<string> stderrLines, params string[] args) =>
        StartServeAsync(stderrLines, null, args);

    /// <summary>As above; <paramref name="onLine"/> runs after each stderr line is recorded.</summary>
    public static async Task<(Process Process, int Port)> StartServeAsync(List<string> stderrLines, Action? onLine, params string[] args)
    {
        Process p = Start(args);
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        p.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                listening.TrySetException(new InvalidOperationException("serve exited: " + string.Join('\n', stderrLines)));
                return;
            }

            lock (stderrLines)
            {
                stderrLines.Add(e.Data);
            }

            onLine?.Invoke();

            Match m = ListeningLine().Match(e.Data);
            if (m.Success)
            {
                listening.TrySetResult(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
            }
        };
        p.BeginErrorReadLine();
        p.BeginOutputReadLine();
        int port = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return (p, port);
    }

    /// <summary>SIGTERM, then wait for the exit.</summary>
    public static async Task<int> StopAsync(Process p)
    {
        if (!p.HasExited)
        {
            Signal(p.Id, "TERM");
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await p.WaitForExitAsync(timeout.Token);
        return p.ExitCode;
    }

    public static void Signal(int pid, string signal)
    {
        using Process kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, pid.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false })!;
        kill.WaitForExit();
    }

    public static Process Start(params string[] args)
    {
        ProcessStartInfo psi = CliRunner.StartInfo();
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        return Process.Start(psi) ?? throw new InvalidOperationException("could not start the CLI");
    }

    private void WriteScript(string name, string body)
    {
        File.WriteAllText(Script(name), body);
        File.SetUnixFileMode(Script(name), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [GeneratedRegex(@"^vigil: listening on 127\.0\.0\.1:(\d+) ")]
    private static partial Regex ListeningLine();
}
