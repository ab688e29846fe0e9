using System.CommandLine;
using System.Globalization;
using System.Net;
using Vigil.Client;
using Vigil.Exec.Identity;
using Vigil.Exec.Policy;
using Vigil.Server.Daemon;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil serve [--acl P] [--listen H:P] [--dir D] [--metrics-listen H:P]</c>: runs the exec daemon until
/// SIGTERM or Ctrl-C, then terminates every running command group and audits their exits.
/// </summary>
internal static class ServeCommand
{
    internal static Command Create()
    {
        var acl = new Option<string>("--acl") { Description = "Exec ACL (TOML). Default " + ExecPolicy.DefaultPath + "; missing default = exec disabled.", HelpName = "PATH" };
        var listen = new Option<string>("--listen") { Description = "mTLS listen address (default 127.0.0.1:7420; port 0 = any free port).", HelpName = "HOST:PORT" };
        var metrics = new Option<string>("--metrics-listen") { Description = "Serve Prometheus text at /metrics on this plain-HTTP address.", HelpName = "HOST:PORT" };
        Option<string> dir = IdCommand.DirOption();

        var command = new Command("serve", "Run the exec daemon (HTTPS/HTTP2, TLS 1.3, client certificates required).");
        command.Options.Add(acl);
        command.Options.Add(listen);
        command.Options.Add(dir);
        command.Options.Add(metrics);
        var logArgv = new Option<bool>("--log-argv") { Description = "Journal every argument of each request, not only argv0 (argv values can hold secrets)." };
        command.Options.Add(logArgv);
        command.SetAction(parseResult => Run(
            parseResult.GetValue(acl),
            parseResult.GetValue(listen),
            parseResult.GetValue(dir),
            parseResult.GetValue(metrics),
            parseResult.GetValue(logArgv)));
        return command;
    }

    internal static int Run(string? acl, string? listen, string? dir, string? metrics, bool logArgvValue = false)
    {
        IPEndPoint listenAt = DaemonOptions.DefaultListen;
        IPEndPoint? metricsAt = null;
        if (listen is not null && !TryParseEndPoint(listen, DaemonOptions.DefaultListen.Port, out listenAt))
        {
            return Fail($"--listen: expected HOST:PORT with an IP address or localhost, got '{listen}'");
        }

        if (metrics is not null)
        {
            if (!TryParseEndPoint(metrics, 9420, out IPEndPoint parsed))
            {
                return Fail($"--metrics-listen: expected HOST:PORT with an IP address or localhost, got '{metrics}'");
            }

            metricsAt = parsed;
        }

        VigilDaemon daemon;
        try
        {
            daemon = VigilDaemon.StartAsync(new DaemonOptions
            {
                KeyDirectory = dir ?? KeyDirectory.DefaultPath,
                AclPath = acl,
                Listen = listenAt,
                MetricsListen = metricsAt,
                LogToStderr = true,
                NotifySocket = Environment.GetEnvironmentVariable("NOTIFY_SOCKET"),
                LogArgv = logArgvValue,
            }).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is KeyFileException or AclException or IOException or UnauthorizedAccessException)
        {
            return Fail(ex.Message);
        }

        try
        {
            string exec = daemon.Exec.Policy.Enabled
                ? "exec enabled, audit " + daemon.AuditLogPath
                : "exec disabled (" + daemon.Exec.Policy.DisabledReason + ")";
            string metricsText = daemon.MetricsEndPoint is { } m ? ", metrics http://" + Format(m) + "/metrics" : string.Empty;
            Console.Error.WriteLine($"vigil: listening on {Format(daemon.ListenEndPoint)} machine_id {daemon.Identity.MachineId}, {exec}{metricsText}");
            daemon.WaitForShutdownAsync().GetAwaiter().GetResult();
        }
        finally
        {
            daemon.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        return ExitCodes.Clean;
    }

    /// <summary>Parses <c>HOST[:PORT]</c> where HOST is an IPv4/IPv6 literal (IPv6 in brackets with a port) or localhost.</summary>
    internal static bool TryParseEndPoint(string text, int defaultPort, out IPEndPoint endPoint)
    {
        endPoint = DaemonOptions.DefaultListen;
        if (!HostPort.TrySplit(text, defaultPort, out string host, out int port))
        {
            return false;
        }

        IPAddress? address = string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
            : IPAddress.TryParse(host, out IPAddress? parsed) ? parsed
            : null;
        if (address is null)
        {
            return false;
        }

        endPoint = new IPEndPoint(address, port);
        return true;
    }

    internal static string Format(IPEndPoint endPoint) =>
        endPoint.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? "[" + endPoint.Address + "]:" + endPoint.Port.ToString(CultureInfo.InvariantCulture)
            : endPoint.Address + ":" + endPoint.Port.ToString(CultureInfo.InvariantCulture);

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"vigil: error: {message}");
        return ExitCodes.Error;
    }
}
