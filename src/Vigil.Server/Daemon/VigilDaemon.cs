using System.Net;
using System.Runtime.InteropServices;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vigil.Exec.Audit;
using Vigil.Exec.Diagnostics;
using Vigil.Exec.Identity;
using Vigil.Exec.Locking;
using Vigil.Exec.Policy;
using Vigil.Exec.Sessions;
using Vigil.Client;
using Vigil.Client.Contract;
using Vigil.Server.Admin;
using Vigil.Server.Rpc;
using Vigil.Server.Rest;

namespace Vigil.Server.Daemon;

/// <summary>
/// The exec daemon: Kestrel on HTTPS (TLS 1.3, HTTP/2, client certificate required) serving the gRPC service and
/// REST, a Unix admin socket (<c>admin.sock</c>, 0600, in the key directory) for local diagnostics and sessions,
/// and optionally Prometheus text on a separate plain listener. Stopping it terminates every running command
/// group and audits their exits before the listeners close.
/// </summary>
public sealed class VigilDaemon : IAsyncDisposable
{
    /// <summary>File name of the admin socket inside the key directory.</summary>
    public const string AdminSocketName = AdminClient.SocketName;

    /// <summary>
    /// File name of the lock inside the key directory: one daemon per key directory, taken before the admin socket
    /// is touched, so a second daemon can never delete the running one's socket.
    /// </summary>
    public const string DaemonLockName = "daemon.lock";

    /// <summary>Every gRPC method of <c>vigil.exec.v1.Exec</c> lives under this path.</summary>
    private const string GrpcPathPrefix = "/vigil.exec.v1.Exec/";

    private readonly WebApplication _app;
    private readonly AuditLog? _auditLog;
    private readonly X509Certificate2 _certificate;
    private readonly ExclusiveFileLock _daemonLock;
    private readonly DaemonOptions _options;
    private readonly Lock _reloadGate = new();
    private PosixSignalRegistration? _hangup;

    private VigilDaemon(WebApplication app, ExecService exec, HostIdentity identity, AuditLog? auditLog, X509Certificate2 certificate, string adminSocket, ExclusiveFileLock daemonLock, DaemonOptions options)
    {
        _app = app;
        _options = options;
        Log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Vigil.Daemon");
        _daemonLock = daemonLock;
        Exec = exec;
        Identity = identity;
        _auditLog = auditLog;
        _certificate = certificate;
        AdminSocketPath = adminSocket;
    }

    public ExecService Exec { get; }

    internal ILogger Log { get; }

    public HostIdentity Identity { get; }

    public string AdminSocketPath { get; }

    /// <summary>The bound mTLS endpoint (the real port when 0 was asked for).</summary>
    public IPEndPoint ListenEndPoint { get; private set; } = DaemonOptions.DefaultListen;

    /// <summary>The bound metrics endpoint, or null.</summary>
    public IPEndPoint? MetricsEndPoint { get; private set; }

    /// <summary>What the start-up sweep of sessions left open by a previous daemon found.</summary>
    public AbandonedSweep StartupSweep { get; private init; }

    /// <summary>Where the audit log is written, or null when exec is disabled.</summary>
    public string? AuditLogPath => _auditLog?.Path;

    /// <summary>
    /// Loads keys and ACL, binds every listener and starts serving. Throws <see cref="KeyFileException"/>,
    /// <see cref="AclException"/> or <see cref="IOException"/> (address in use; <see cref="DaemonAlreadyRunningException"/>;
    /// <see cref="AuditLogInUseException"/>) with a one-line message.
    /// </summary>
    public static async Task<VigilDaemon> StartAsync(DaemonOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var keys = new KeyDirectory(options.KeyDirectory);
        // The admin socket and the daemon lock live here: nobody else may even look in. A readable directory is
        // tightened before Load's strict-mode check; a writable one is refused there.
        bool tightened = keys.EnsurePrivate() is not null;
        HostIdentity identity = keys.Load();
        ExclusiveFileLock daemonLock = ExclusiveFileLock.TryAcquire(Path.Combine(keys.Path, DaemonLockName))
            ?? throw new DaemonAlreadyRunningException(keys.Path);
        AuditLog? auditLog = null;
        try
        {
            VigilDaemon daemon = await StartLockedAsync(options, keys, identity, daemonLock, log => auditLog = log, cancellationToken).ConfigureAwait(false);
            if (tightened)
            {
                DaemonLog.KeyDirectoryTightened(daemon.Log, keys.Path);
            }

            return daemon;
        }
        catch
        {
            // A daemon that did not start holds nothing: a retry in this process (or another daemon) may take over.
            if (auditLog is not null)
            {
                await auditLog.DisposeAsync().ConfigureAwait(false);
            }

            TryRemoveStaleSocket(Path.Combine(keys.Path, AdminSocketName));
            daemonLock.Dispose();
            throw;
        }
    }

    private static async Task<VigilDaemon> StartLockedAsync(
        DaemonOptions options, KeyDirectory keys, HostIdentity identity, ExclusiveFileLock daemonLock, Action<AuditLog> opened, CancellationToken cancellationToken)
    {
        ExecPolicy policy = AclLoader.Load(options.AclPath, options.Time);
        AuditLog? auditLog = policy.Enabled ? new AuditLog(policy.AuditLogPath, options.Time) : null;
        AbandonedSweep sweep = default;
        if (auditLog is not null)
        {
            opened(auditLog);

            // Before serving anything: sessions a killed predecessor left open are ended and recorded.
            sweep = await AbandonedSessions.SweepAsync(auditLog.Path, auditLog, options.Time).ConfigureAwait(false);
        }

        var diagnostics = new ExecDiagnostics(options.Time);
        var verifier = new RequestVerifier(identity.MachineId, options.Time);
        var exec = new ExecService(identity.MachineId, policy, verifier, auditLog, diagnostics, options.Time, options.Timings);
        X509Certificate2 certificate = identity.Machine.CreateSelfSignedCertificate(options.Time);
        string adminSocket = Path.Combine(keys.Path, AdminSocketName);
        // Holding the daemon lock, any socket here is a crashed daemon's leftover, never a running one's.
        TryRemoveStaleSocket(adminSocket);

        var pending = new PendingConnectionGate(options.MaxUnauthenticatedConnections);
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        bool frameworkLog = Environment.GetEnvironmentVariable("VIGIL_LOG") is { Length: > 0 };
        if (options.LogToStderr || frameworkLog)
        {
            // One line per event on stderr; under systemd the journal takes it (priority prefixes with JOURNAL_STREAM).
            if (Environment.GetEnvironmentVariable("JOURNAL_STREAM") is { Length: > 0 })
            {
                builder.Logging.AddSystemdConsole(o => o.IncludeScopes = false);
            }
            else
            {
                builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
            }

            builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            // ASP.NET Core's own lines only when troubleshooting (VIGIL_LOG).
            builder.Logging.AddFilter((category, level) => category?.StartsWith("Vigil", StringComparison.Ordinal) == true || (frameworkLog && level >= LogLevel.Information) || level >= LogLevel.Warning);
        }
        builder.Services.AddGrpc(o =>
        {
            // A request can carry at most the ACL's stdin cap plus argv and keys; nothing bigger is read.
            o.MaxReceiveMessageSize = RequestLimits.MaxMessageBytes(policy.Caps.MaxStdinBytes);
            o.EnableDetailedErrors = false;
        });
        builder.Services.AddSingleton(exec);
        builder.Services.AddSingleton(new RunDeadlines(options.FirstFrameTimeout));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.ShutdownBudget + TimeSpan.FromSeconds(5));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(options.Listen, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                // Counted from accept until the TLS handshake (client certificate included) has succeeded.
                listen.Use(pending.Admit);
                listen.UseHttps(https =>
                {
                    https.HandshakeTimeout = options.HandshakeTimeout;
                    https.ServerCertificate = certificate;
                    https.SslProtocols = SslProtocols.Tls13;
                    https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                    // Certificates are self-signed from machine keys: identity is the key (MachineId), checked
                    // against the agent's binding by the RequestVerifier, not a CA chain.
                    https.ClientCertificateValidation = static (cert, _, _) => cert is not null;
                });
                listen.Use(pending.Authenticated);
            });
            // Bound by us (0600 from the first moment) and handed over by descriptor; Kestrel owns the duplicate.
            if (OperatingSystem.IsWindows())
            {
                throw new PlatformNotSupportedException("the exec daemon runs on Linux");
            }

            using (System.Net.Sockets.Socket admin = AdminSocket.Bind(adminSocket))
            {
                kestrel.ListenHandle(AdminSocket.Duplicate(admin), listen => listen.Protocols = HttpProtocols.Http1);
            }
            if (options.MetricsListen is { } metrics)
            {
                kestrel.Listen(metrics, listen => listen.Protocols = HttpProtocols.Http1);
            }
        });

        WebApplication app = builder.Build();
        var daemon = new VigilDaemon(app, exec, identity, auditLog, certificate, adminSocket, daemonLock, options) { StartupSweep = sweep };
        exec.Journal = new DaemonExecJournal(daemon.Log, options.LogArgv);
        app.Use((http, next) => daemon.RouteGuard(http, next));
        app.MapGrpcService<ExecGrpcService>();
        ExecRestEndpoints.Map(app, exec);
        // RequestDelegate overloads: the Delegate ones bind parameters by reflection, which the native build lacks.
        app.MapGet("/admin/diagnostics", (RequestDelegate)(http => WriteText(http, exec.Diagnostics().ToJson(), "application/json")));
        app.MapGet("/admin/sessions", (RequestDelegate)(http => WriteText(http, SessionsJson.Write(exec.Sessions()), "application/json")));
        app.MapGet("/metrics", (RequestDelegate)(http => WriteText(http, exec.Diagnostics().ToPrometheusText(), "text/plain; version=0.0.4")));
        IHostApplicationLifetime lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        lifetime.ApplicationStopping.Register(() => exec.ShutdownAsync(options.ShutdownBudget).GetAwaiter().GetResult());

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new IOException("cannot listen: " + ex.Message, ex);
        }

        daemon.ResolveEndpoints(options);
        if (!OperatingSystem.IsWindows())
        {
            // SIGHUP reloads the ACL (systemctl reload); the handler runs on its own thread.
            daemon._hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
            {
                context.Cancel = true;
                daemon.ReloadAcl();
            });
        }

        string execState = exec.Policy.Enabled ? "exec enabled, audit " + policy.AuditLogPath : "exec disabled (" + exec.Policy.DisabledReason + ")";
        DaemonLog.Started(daemon.Log, daemon.ListenEndPoint.ToString(), identity.MachineId.ToString(), execState);
        new SystemdNotifier(options.NotifySocket).Notify("READY=1\nSTATUS=listening on " + daemon.ListenEndPoint + "\nMAINPID=" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return daemon;
    }

    private static Task WriteText(HttpContext http, string text, string contentType)
    {
        http.Response.ContentType = contentType;
        return http.Response.WriteAsync(text);
    }

    /// <summary>
    /// Re-reads the ACL (what SIGHUP does) and puts it in force for the next request; sessions already running
    /// finish under the policy they started with. Returns null on success, or why the file was refused: the
    /// previous policy then stays in force. Either way one journal line says what happened.
    /// </summary>
    public string? ReloadAcl()
    {
        lock (_reloadGate)
        {
            var notifier = new SystemdNotifier(_options.NotifySocket);
            notifier.Notify("RELOADING=1\nMONOTONIC_USEC=" + (Environment.TickCount64 * 1000).ToString(System.Globalization.CultureInfo.InvariantCulture));
            string? refusal;
            try
            {
                ExecPolicy next = AclLoader.Load(_options.AclPath, _options.Time);
                refusal = Exec.ReplacePolicy(next);
                if (refusal is null)
                {
                    DaemonLog.AclReloaded(Log, next.LoadedFrom, next.Enabled ? "exec enabled" : "exec disabled (" + next.DisabledReason + ")");
                }
            }
            catch (Exception ex) when (ex is AclException or IOException or UnauthorizedAccessException)
            {
                refusal = ex.Message;
            }

            if (refusal is not null)
            {
                DaemonLog.AclReloadRefused(Log, refusal);
            }

            notifier.Notify("READY=1");
            return refusal;
        }
    }

    /// <summary>Completes when the daemon has been asked to stop (SIGTERM, Ctrl-C or <see cref="StopAsync"/>).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Orderly stop: sessions are terminated and their exits audited, then listeners close.</summary>
    public async Task StopAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _hangup?.Dispose();
        new SystemdNotifier(_options.NotifySocket).Notify("STOPPING=1");
        await _app.StopAsync().ConfigureAwait(false);
        DaemonLog.Stopped(Log);
        await _app.DisposeAsync().ConfigureAwait(false);
        if (_auditLog is not null)
        {
            await _auditLog.DisposeAsync().ConfigureAwait(false);
        }

        _certificate.Dispose();
        Identity.Dispose();
        TryRemoveStaleSocket(AdminSocketPath);
        _daemonLock.Dispose();
    }

    /// <summary>
    /// Each surface answers only on its own listener: admin on the Unix socket, metrics on its port, exec (gRPC and
    /// REST) on mTLS. An allow-list per listener, compared ignoring case, because endpoint routing matches paths
    /// case-insensitively: <c>/ADMIN/diagnostics</c> must not reach the admin endpoints over the network.
    /// </summary>
    private Task RouteGuard(HttpContext http, RequestDelegate next)
    {
        string path = http.Request.Path.Value ?? string.Empty;
        bool isUnix = http.Connection.LocalIpAddress is null && !http.Request.IsHttps;
        bool isMetrics = !http.Request.IsHttps && !isUnix && MetricsEndPoint is { } m && http.Connection.LocalPort == m.Port;
        bool allowed = isUnix ? path.StartsWith("/admin/", StringComparison.OrdinalIgnoreCase)
            : isMetrics ? path.Equals("/metrics", StringComparison.OrdinalIgnoreCase)
            : http.Request.IsHttps && (path.StartsWith(GrpcPathPrefix, StringComparison.OrdinalIgnoreCase)
                || path.StartsWith(ExecRestEndpoints.PathPrefix, StringComparison.OrdinalIgnoreCase));
        if (!allowed)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return next(http);
    }

    private void ResolveEndpoints(DaemonOptions options)
    {
        ICollection<string> addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        foreach (string address in addresses)
        {
            if (address.StartsWith("https://", StringComparison.Ordinal))
            {
                ListenEndPoint = new IPEndPoint(options.Listen.Address, new Uri(address).Port);
            }
            else if (address.StartsWith("http://", StringComparison.Ordinal) && !address.Contains("unix:", StringComparison.Ordinal) && options.MetricsListen is { } metrics)
            {
                MetricsEndPoint = new IPEndPoint(metrics.Address, new Uri(address).Port);
            }
        }
    }

    private static void TryRemoveStaleSocket(string path)
    {
        try
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (IOException)
        {
            // Kestrel reports the bind failure with the path if it is really in use.
        }
    }
}
