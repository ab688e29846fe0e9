using System.CommandLine;
using System.Globalization;
using Grpc.Core;
using Vigil.Exec;
using Vigil.Exec.Identity;
using Vigil.Exec.Runner;
using Vigil.Exec.Sessions;
using Vigil.Client;
using Vigil.Client.Contract;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil exec HOST[:PORT] [--dir D] [--machine HEX] [--timeout S] [--stdin-file F] [--json] -- ARGV…</c>
/// and its subcommands <c>sessions [HOST]</c> and <c>cancel HOST REQUEST_ID</c>. Output streams live; the exit
/// code is the remote code, 126 for a denial (reason on stderr), 128+signal, or 2 for a local/transport error.
/// </summary>
internal static class ExecCommand
{
    internal const int DeniedExitCode = 126;
    internal const int DefaultPort = 7420;
    private const uint DefaultTimeoutSecs = 30;

    internal static Command Create()
    {
        var host = new Argument<string>("HOST") { Description = "Daemon address, HOST[:PORT] (default port 7420)." };
        var argv = new Argument<string[]>("ARGV") { Description = "The command and its arguments (after --). No shell is involved.", Arity = ArgumentArity.OneOrMore };
        Option<string> dir = IdCommand.DirOption();
        Option<string> machine = MachineOption();
        var timeout = new Option<uint?>("--timeout") { Description = "Time limit in seconds (default 30); above the ACL's cap the request is denied.", HelpName = "S" };
        var stdinFile = new Option<string>("--stdin-file") { Description = "Send this file's bytes as the command's stdin.", HelpName = "F" };
        var json = new Option<bool>("--json") { Description = "Print one aggregated JSON result instead of streaming." };
        var tofu = new Option<bool>("--trust-on-first-use") { Description = "With no pin for HOST:PORT, trust the key the daemon presents now and save it to DIR/known_hosts." };

        var command = new Command("exec", "Run an allowlisted command on a Vigil daemon.");
        command.Arguments.Add(host);
        command.Arguments.Add(argv);
        command.Options.Add(dir);
        command.Options.Add(machine);
        command.Options.Add(timeout);
        command.Options.Add(stdinFile);
        command.Options.Add(json);
        command.Options.Add(tofu);
        command.Subcommands.Add(CreateSessions());
        command.Subcommands.Add(CreateCancel());
        command.SetAction(parseResult => Run(
            parseResult.GetValue(host)!,
            parseResult.GetValue(argv) ?? [],
            parseResult.GetValue(dir),
            parseResult.GetValue(machine),
            parseResult.GetValue(timeout),
            parseResult.GetValue(stdinFile),
            parseResult.GetValue(json),
            parseResult.GetValue(tofu)));
        return command;
    }

    internal static Option<string> MachineOption() => new("--machine")
    {
        Description = "The daemon's MachineId (64 hex); the connection fails for any other server key. Default: DIR/known_hosts.",
        HelpName = "HEX",
    };

    private static Command CreateSessions()
    {
        var host = new Argument<string?>("HOST") { Description = "Remote daemon (needs diagnostics = true); omit for the local daemon's admin socket.", Arity = ArgumentArity.ZeroOrOne };
        Option<string> dir = IdCommand.DirOption();
        Option<string> machine = MachineOption();
        var command = new Command("sessions", "List running exec sessions (JSON).");
        command.Arguments.Add(host);
        command.Options.Add(dir);
        command.Options.Add(machine);
        command.SetAction(parseResult => Query(parseResult.GetValue(host), parseResult.GetValue(dir), parseResult.GetValue(machine), sessions: true, json: true));
        return command;
    }

    private static Command CreateCancel()
    {
        var host = new Argument<string>("HOST") { Description = "Daemon address, HOST[:PORT]." };
        var requestId = new Argument<string>("REQUEST_ID") { Description = "32 hex digits, as listed by 'vigil exec sessions'." };
        Option<string> dir = IdCommand.DirOption();
        Option<string> machine = MachineOption();
        var command = new Command("cancel", "Cancel one of this agent's running sessions.");
        command.Arguments.Add(host);
        command.Arguments.Add(requestId);
        command.Options.Add(dir);
        command.Options.Add(machine);
        command.SetAction(parseResult => Cancel(parseResult.GetValue(host)!, parseResult.GetValue(requestId)!, parseResult.GetValue(dir), parseResult.GetValue(machine)));
        return command;
    }

    internal static int Run(string hostText, string[] argv, string? dir, string? machine, uint? timeoutSecs, string? stdinFile, bool json, bool trustOnFirstUse = false)
    {
        if (argv.Length == 0)
        {
            return Fail("usage: vigil exec HOST[:PORT] [--timeout S] [--stdin-file F] -- ARGV...");
        }

        byte[] stdin = [];
        if (stdinFile is not null)
        {
            try
            {
                stdin = File.ReadAllBytes(stdinFile);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return Fail($"failed to read stdin file {stdinFile}: {ex.Message}");
            }
        }

        uint timeoutMs = (uint)Math.Min((ulong)(timeoutSecs ?? DefaultTimeoutSecs) * 1000, uint.MaxValue);
        if (!TryConnect(hostText, dir, machine, out ExecClient? client, out int error, trustOnFirstUse))
        {
            return error;
        }

        using ExecClient owned = client!;
        using var cancel = new CancellationTokenSource();
        using var abort = new CancellationTokenSource();
        ConsoleCancelEventHandler onCtrlC = (_, e) =>
        {
            // First Ctrl-C: ask the daemon to cancel (SIGTERM, then SIGKILL after the grace) and wait for Exit.
            // Second: drop the stream, which the daemon also treats as a cancel.
            e.Cancel = true;
            if (cancel.IsCancellationRequested)
            {
                abort.Cancel();
            }
            else
            {
                cancel.Cancel();
            }
        };
        Console.CancelKeyPress += onCtrlC;
        try
        {
            return json ? RunJson(client!, argv, stdin, timeoutMs, cancel.Token, abort.Token) : RunStreaming(client!, argv, stdin, timeoutMs, cancel.Token, abort.Token);
        }
        catch (RpcException ex)
        {
            return Fail(Describe("exec", hostText, ex));
        }
        catch (OperationCanceledException)
        {
            return Fail("interrupted");
        }
        finally
        {
            Console.CancelKeyPress -= onCtrlC;
        }
    }

    private static int RunStreaming(ExecClient client, string[] argv, byte[] stdin, uint timeoutMs, CancellationToken cancel, CancellationToken abort)
    {
        using Stream stdout = Console.OpenStandardOutput();
        using Stream stderr = Console.OpenStandardError();
        var warnings = new HashSet<WarningKind>();
        SessionExit exit = client.RunAsync(client.Sign(argv, stdin, timeoutMs), async e =>
        {
            if (e is RunWarning w)
            {
                warnings.Add(w.Kind);
            }
            else if (e is RunOutput o)
            {
                Stream target = o.Stream == OutputStream.Stdout ? stdout : stderr;
                await target.WriteAsync(o.Data, abort).ConfigureAwait(false);
                await target.FlushAsync(abort).ConfigureAwait(false);
            }
        }, cancel, abort).GetAwaiter().GetResult();

        if (exit.StdoutTail.Length > 0 || exit.StderrTail.Length > 0)
        {
            Console.Error.WriteLine($"vigil: output truncated at the daemon's cap (stdout {exit.StdoutBytesTotal.ToString(CultureInfo.InvariantCulture)} bytes, stderr {exit.StderrBytesTotal.ToString(CultureInfo.InvariantCulture)} bytes in total); the last bytes of each cut stream follow");
            stdout.Write(exit.StdoutTail);
            stderr.Write(exit.StderrTail);
            stdout.Flush();
        }

        foreach (string line in Explain(exit, warnings, argv, timeoutMs))
        {
            Console.Error.WriteLine(line);
        }

        return ExitCodeOf(exit, printReason: true);
    }

    /// <summary>
    /// What the exit code alone does not say: the command was timed out, cancelled or cut at an output cap, or a
    /// denied argv word holds spaces that no shell will split.
    /// </summary>
    internal static IEnumerable<string> Explain(SessionExit exit, IReadOnlySet<WarningKind> warnings, IReadOnlyList<string> argv, uint timeoutMs)
    {
        if (exit.Denial is { } denial)
        {
            if (denial is DenialReason.ArgvNotAllowed or DenialReason.SpawnFailed && argv.FirstOrDefault(a => a.Any(char.IsWhiteSpace)) is { } spaced)
            {
                yield return $"vigil: hint: the argument '{spaced}' contains spaces; no shell splits it on the daemon, so pass each word as its own argument";
            }

            yield break;
        }

        if (warnings.Contains(WarningKind.Cancelled))
        {
            yield return "vigil: cancelled; remote process group killed";
        }
        else if (exit.Signal is not null && exit.DurationMs + 1000 >= timeoutMs)
        {
            yield return $"vigil: timed out after {(timeoutMs / 1000.0).ToString("0.###", CultureInfo.InvariantCulture)} s; remote process group killed";
        }

        foreach ((WarningKind kind, string stream) in new[] { (WarningKind.StdoutCapHit, "stdout"), (WarningKind.StderrCapHit, "stderr") })
        {
            if (warnings.Contains(kind))
            {
                yield return $"vigil: {stream} hit the daemon's output cap; the rest was counted but not forwarded";
            }
        }
    }

    private static int RunJson(ExecClient client, string[] argv, byte[] stdin, uint timeoutMs, CancellationToken cancel, CancellationToken abort)
    {
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        var warnings = new List<WarningKind>();
        SessionExit exit = client.RunAsync(client.Sign(argv, stdin, timeoutMs), e =>
        {
            switch (e)
            {
                case RunOutput o:
                    (o.Stream == OutputStream.Stdout ? stdout : stderr).Write(o.Data);
                    break;
                case RunWarning w:
                    warnings.Add(w.Kind);
                    break;
            }

            return ValueTask.CompletedTask;
        }, cancel, abort).GetAwaiter().GetResult();
        Console.Out.WriteLine(RestJson.WriteResult(exit, stdout.ToArray(), stderr.ToArray(), warnings));
        return ExitCodeOf(exit, printReason: false);
    }

    /// <summary>Remote code; 126 for a denial; 128+signal for a signal-killed command.</summary>
    internal static int ExitCodeOf(SessionExit exit, bool printReason)
    {
        if (exit.Denial is { } denial)
        {
            if (printReason)
            {
                Console.Error.WriteLine($"vigil: exec denied: {denial.ToToken()}");
            }

            return DeniedExitCode;
        }

        if (exit.Signal is int signal)
        {
            return 128 + signal;
        }

        return exit.Code ?? ExitCodes.Error;
    }

    private static int Cancel(string hostText, string requestIdText, string? dir, string? machine)
    {
        if (!RequestId.TryParse(requestIdText, out RequestId requestId))
        {
            return Fail($"invalid request id '{requestIdText}': expected 32 hex digits");
        }

        if (!TryConnect(hostText, dir, machine, out ExecClient? client, out int error))
        {
            return error;
        }

        using (client)
        {
            try
            {
                bool found = client!.CancelAsync(requestId).GetAwaiter().GetResult();
                if (!found)
                {
                    Console.Error.WriteLine($"vigil: no running session {requestId} of this agent on {hostText}");
                    return ExitCodes.Anomalies;
                }

                Console.Out.WriteLine($"cancel sent for {requestId}");
                return ExitCodes.Clean;
            }
            catch (RpcException ex)
            {
                return Fail(Describe("cancel", hostText, ex));
            }
        }
    }

    /// <summary>Sessions or diagnostics, from the local admin socket (no HOST) or a remote daemon.</summary>
    internal static int Query(string? hostText, string? dir, string? machine, bool sessions, bool json)
    {
        string text;
        try
        {
            if (hostText is null)
            {
                string socket = Path.Combine(dir ?? KeyDirectory.DefaultPath, AdminClient.SocketName);
                if (!File.Exists(socket))
                {
                    return Fail($"{socket}: no local daemon (is 'vigil serve' running with this --dir?)");
                }

                using var admin = new AdminClient(socket);
                text = (sessions ? admin.SessionsJsonAsync() : admin.DiagnosticsJsonAsync()).GetAwaiter().GetResult();
            }
            else
            {
                if (!TryConnect(hostText, dir, machine, out ExecClient? client, out int error))
                {
                    return error;
                }

                using (client)
                {
                    text = (sessions ? client!.SessionsJsonAsync() : client!.DiagnosticsJsonAsync()).GetAwaiter().GetResult();
                }
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or System.Net.Sockets.SocketException)
        {
            return Fail($"cannot reach the local daemon: {ex.Message}");
        }
        catch (RpcException ex)
        {
            return Fail(Describe("query", hostText, ex));
        }

        if (json)
        {
            Console.Out.WriteLine(text);
        }
        else
        {
            DiagnosticsCommand.WriteText(text, Console.Out);
        }

        return ExitCodes.Clean;
    }

    /// <summary>Loads this host's keys, resolves the pin and opens a client; on failure prints the error.</summary>
    internal static bool TryConnect(string hostText, string? dir, string? machine, out ExecClient? client, out int error, bool trustOnFirstUse = false)
    {
        client = null;
        error = ExitCodes.Error;
        if (!HostPort.TrySplit(hostText, DefaultPort, out string host, out int port))
        {
            Fail($"invalid address '{hostText}': expected HOST[:PORT]");
            return false;
        }

        string keyDir = dir ?? KeyDirectory.DefaultPath;
        MachineId pinned;
        if (machine is not null)
        {
            if (!MachineId.TryParse(machine, out pinned))
            {
                Fail($"--machine: expected 64 hex digits, got '{machine}'");
                return false;
            }
        }
        else if (KnownHosts.Lookup(keyDir, host, port) is { } known)
        {
            pinned = known;
        }
        else if (trustOnFirstUse)
        {
            try
            {
                using HostIdentity probe = new KeyDirectory(keyDir).Load();
                pinned = KnownHosts.TrustOnFirstUseAsync(keyDir, probe.Machine, host, port).GetAwaiter().GetResult();
                Console.Error.WriteLine($"vigil: trusting {host}:{port.ToString(CultureInfo.InvariantCulture)} machine_id {pinned} (saved to {Path.Combine(keyDir, KnownHosts.FileName)})");
            }
            catch (Exception ex) when (ex is KeyFileException or IOException or System.Net.Sockets.SocketException or System.Security.Authentication.AuthenticationException)
            {
                Fail($"cannot reach {host}:{port.ToString(CultureInfo.InvariantCulture)} to learn its key: {ex.Message}");
                return false;
            }
        }
        else
        {
            Fail($"no pinned machine id for {host}:{port.ToString(CultureInfo.InvariantCulture)}; pass --machine HEX, add '{host}:{port.ToString(CultureInfo.InvariantCulture)} HEX' to {Path.Combine(keyDir, KnownHosts.FileName)}, or use --trust-on-first-use");
            return false;
        }

        HostIdentity identity;
        try
        {
            identity = new KeyDirectory(keyDir).Load();
        }
        catch (KeyFileException ex)
        {
            Fail(ex.Message);
            return false;
        }

        // This process makes pinned connections only: the system CA bundle would be loaded for nothing.
        PinnedTrust.UseNoSystemTrustStore();
        client = new ExecClient(identity, host, port, pinned);
        return true;
    }

    // The client already words connection failures as one complete line (wrong pin, connection refused).
    private static string Describe(string verb, string? hostText, RpcException ex) =>
        ex.StatusCode == StatusCode.Unavailable && ex.Status.DebugException is null && hostText is not null && ex.Status.Detail.Contains(hostText, StringComparison.Ordinal)
            ? ex.Status.Detail
            : $"{verb} on {hostText} failed: {Describe(ex)}";

    private static string Describe(RpcException ex) =>
        ex.StatusCode == StatusCode.Unavailable && ex.Status.DebugException is { } inner
            ? inner.GetBaseException().Message
            : ex.Status.Detail;

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"vigil: error: {message}");
        return ExitCodes.Error;
    }
}
