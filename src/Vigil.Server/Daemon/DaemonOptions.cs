using System.Net;
using Vigil.Exec.Runner;

namespace Vigil.Server.Daemon;

/// <summary>How <see cref="VigilDaemon"/> starts (the flags of <c>vigil serve</c>, plus test hooks).</summary>
public sealed record DaemonOptions
{
    /// <summary>Default mTLS listen address of <c>vigil serve</c>.</summary>
    public static IPEndPoint DefaultListen { get; } = new(IPAddress.Loopback, 7420);

    /// <summary>Key directory: machine.key, agent.key, binding.sig; the admin socket is created here.</summary>
    public required string KeyDirectory { get; init; }

    /// <summary>Explicit ACL path (must exist), or null for the default path (missing = exec disabled).</summary>
    public string? AclPath { get; init; }

    public IPEndPoint Listen { get; init; } = DefaultListen;

    /// <summary>Plain-HTTP Prometheus listener, or null for none.</summary>
    public IPEndPoint? MetricsListen { get; init; }

    /// <summary>Supervision timings; only tests change them.</summary>
    public RunTimings Timings { get; init; } = RunTimings.Default;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>A TLS handshake (client certificate included) must finish within this, or the connection is dropped.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A Run stream must deliver its signed request within this, or it is ended (DeadlineExceeded).</summary>
    public TimeSpan FirstFrameTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Most connections still in their TLS handshake at once; beyond it a new connection is closed at accept, so idle
    /// or slow strangers cannot pile up (authenticated connections are not counted).
    /// </summary>
    public int MaxUnauthenticatedConnections { get; init; } = 512;

    /// <summary>Write the daemon's journal lines (start, reload, stop) to stderr; <c>vigil serve</c> turns it on.</summary>
    public bool LogToStderr { get; init; }

    /// <summary>Also journal every argument of each request (event 1101), not only argv0: argv values can hold secrets.</summary>
    public bool LogArgv { get; init; }

    /// <summary>The sd_notify socket (<c>$NOTIFY_SOCKET</c> for <c>vigil serve</c>); null for none.</summary>
    public string? NotifySocket { get; init; }

    /// <summary>How long shutdown waits for running sessions to end and audit their exits.</summary>
    public TimeSpan ShutdownBudget { get; init; } = TimeSpan.FromSeconds(10);
}
