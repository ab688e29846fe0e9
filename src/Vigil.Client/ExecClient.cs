using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;
using Vigil.Exec.Identity;
using Vigil.Exec.Runner;
using Vigil.Exec.Sessions;
using Vigil.Client.Contract;
using Wire = Vigil.Client.Protos;

namespace Vigil.Client;

/// <summary>
/// Talks to a Vigil daemon over gRPC with mutual TLS: presents this host's machine certificate, accepts the server
/// only if its certificate's MachineId is the pinned one, and signs every request with this host's agent key.
/// One instance keeps one HTTP/2 connection for all its calls.
/// </summary>
public sealed class ExecClient : IDisposable
{
    private readonly AgentKey _agent;
    private readonly ReadOnlyMemory<byte> _binding;
    private readonly RequestSigner _signer;
    private readonly X509Certificate2 _certificate;
    private readonly GrpcChannel _channel;
    private readonly Wire.Exec.ExecClient _grpc;
    private readonly TimeProvider _time;
    private readonly string _endpoint;

    // The MachineId of the last server certificate refused by the pin, so the failure can say what was presented.
    private volatile string? _presentedMismatch;

    /// <summary>A client for this host's keys (machine key = TLS client identity, agent key signs).</summary>
    /// <param name="identity">This host's keys.</param>
    /// <param name="host">Host name or address.</param>
    /// <param name="port">Daemon port.</param>
    /// <param name="server">The daemon's MachineId: the TLS handshake fails for any other server key.</param>
    /// <param name="time">Clock for issued-at; the system clock by default.</param>
    public ExecClient(HostIdentity identity, string host, int port, MachineId server, TimeProvider? time = null)
        : this(identity?.TlsCertificate(time) ?? throw new ArgumentNullException(nameof(identity)), identity.Agent, identity.Binding, host, port, server, time)
    {
    }

    /// <summary>A client from separate key parts (tests use it to present a copied agent key on another machine).</summary>
    public ExecClient(MachineKey machine, AgentKey agent, ReadOnlyMemory<byte> binding, string host, int port, MachineId server, TimeProvider? time = null)
        : this(machine?.CreateSelfSignedCertificate(time) ?? throw new ArgumentNullException(nameof(machine)), agent, binding, host, port, server, time)
    {
    }

    private ExecClient(X509Certificate2 certificate, AgentKey agent, ReadOnlyMemory<byte> binding, string host, int port, MachineId server, TimeProvider? time)
    {
        ArgumentNullException.ThrowIfNull(agent);
        _certificate = certificate;
        _agent = agent;
        _binding = binding;
        _signer = new RequestSigner(agent, binding);
        _time = time ?? TimeProvider.System;
        Server = server;
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = false,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            SslOptions = new SslClientAuthenticationOptions
            {
                EnabledSslProtocols = SslProtocols.Tls13,
                // Built once per client, not per connection; offline: no intermediate fetching.
                ClientCertificateContext = SslStreamCertificateContext.Create(_certificate, additionalCertificates: null, offline: true),
                // The server is pinned by MachineId in the callback, never by a CA: a custom (empty) root set keeps
                // the system trust store (~100 ms to load) off the per-call path.
                CertificateChainPolicy = new X509ChainPolicy
                {
                    TrustMode = X509ChainTrustMode.CustomRootTrust,
                    RevocationMode = X509RevocationMode.NoCheck,
                    DisableCertificateDownloads = true,
                },
                RemoteCertificateValidationCallback = (_, cert, _, _) => AcceptsServer(cert),
            },
        };
        string authority = host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? "[" + host + "]" : host;
        _endpoint = authority + ":" + port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _channel = GrpcChannel.ForAddress(
            "https://" + _endpoint,
            new GrpcChannelOptions { HttpHandler = handler, MaxReceiveMessageSize = 64 * 1024 * 1024, MaxSendMessageSize = 64 * 1024 * 1024 });
        _grpc = new Wire.Exec.ExecClient(_channel);
    }

    /// <summary>The pinned daemon MachineId.</summary>
    public MachineId Server { get; }

    /// <summary>Builds and signs a request for the pinned daemon with a fresh random request id.</summary>
    public SignedRequest Sign(IReadOnlyList<string> argv, ReadOnlyMemory<byte> stdin, uint timeoutMs)
    {
        var request = new ExecRequest(
            Server,
            RequestId.NewRandom(),
            (ulong)_time.GetUtcNow().ToUnixTimeMilliseconds(),
            timeoutMs,
            argv,
            stdin,
            CwdPresent: false);
        return _signer.Sign(request);
    }

    /// <summary>
    /// Runs a signed request, calling <paramref name="onEvent"/> for Started, output and warnings as they arrive,
    /// and returns the Exit. Cancelling <paramref name="cancel"/> sends a Cancel frame and keeps reading until the
    /// daemon's Exit (the command is terminated remotely); <paramref name="abort"/> drops the stream instead.
    /// </summary>
    /// <exception cref="RpcException">Transport failure (unreachable daemon, wrong server key, refused TLS). When the
    /// daemon's key is not the pinned one, or the connection is refused, <see cref="Status.Detail"/> says so in one
    /// line (the presented MachineId included).</exception>
    public async Task<SessionExit> RunAsync(
        SignedRequest request,
        Func<RunEvent, ValueTask>? onEvent = null,
        CancellationToken cancel = default,
        CancellationToken abort = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await RunCoreAsync(request, onEvent, cancel, abort).ConfigureAwait(false);
        }
        catch (RpcException ex) when (Explain(ex) is { } clear)
        {
            throw clear;
        }
    }

    private async Task<SessionExit> RunCoreAsync(
        SignedRequest request,
        Func<RunEvent, ValueTask>? onEvent,
        CancellationToken cancel,
        CancellationToken abort)
    {
        using AsyncDuplexStreamingCall<Wire.ClientFrame, Wire.ServerFrame> call = _grpc.Run(cancellationToken: abort);
        await call.RequestStream.WriteAsync(new Wire.ClientFrame { Request = ProtoMapping.FromSignedRequest(request) }, abort).ConfigureAwait(false);
        using CancellationTokenRegistration onCancel = cancel.Register(() =>
            _ = call.RequestStream.WriteAsync(new Wire.ClientFrame { Cancel = new Wire.CancelFrame() }).ContinueWith(static t => _ = t.Exception, TaskScheduler.Default));
        while (await call.ResponseStream.MoveNext(abort).ConfigureAwait(false))
        {
            Wire.ServerFrame frame = call.ResponseStream.Current;
            switch (frame.FrameCase)
            {
                case Wire.ServerFrame.FrameOneofCase.Exit:
                    SessionExit exit = ProtoMapping.FromExit(frame.Exit, request.Request.RequestId);
                    if (exit.RequestId != request.Request.RequestId)
                    {
                        throw new RpcException(new Status(StatusCode.DataLoss, "exit for another request id"));
                    }

                    try
                    {
                        await call.RequestStream.CompleteAsync().ConfigureAwait(false);
                    }
                    catch (InvalidOperationException)
                    {
                        // A Cancel frame was still being written (Ctrl-C at the very end); the call is over anyway.
                    }

                    return exit;
                case Wire.ServerFrame.FrameOneofCase.Started when onEvent is not null:
                    await onEvent(new RunStarted((int)frame.Started.Pid)).ConfigureAwait(false);
                    break;
                case Wire.ServerFrame.FrameOneofCase.Output when onEvent is not null:
                    await onEvent(new RunOutput(
                        frame.Output.Stream == Wire.Stream.Stderr ? OutputStream.Stderr : OutputStream.Stdout,
                        frame.Output.Seq,
                        frame.Output.Data.ToByteArray())).ConfigureAwait(false);
                    break;
                case Wire.ServerFrame.FrameOneofCase.Warning when onEvent is not null:
                    int index = Vigil.Exec.WarningKinds.All.Select(Vigil.Exec.WarningKinds.ToToken).ToList().IndexOf(frame.Warning.Kind);
                    if (index >= 0)
                    {
                        Vigil.Exec.WarningKind kind = Vigil.Exec.WarningKinds.All[index];
                        await onEvent(new RunWarning(kind, frame.Warning.Message, frame.Warning.HasBytes ? (long)frame.Warning.Bytes : null)).ConfigureAwait(false);
                    }

                    break;
            }
        }

        throw new RpcException(new Status(StatusCode.Unavailable, "the daemon closed the stream before Exit"));
    }

    /// <summary>A Run stream on which nothing has been sent (tests check the daemon's first-frame deadline).</summary>
    internal AsyncDuplexStreamingCall<Wire.ClientFrame, Wire.ServerFrame> OpenRawRunForTests() => _grpc.Run();

    /// <summary>Asks the daemon to cancel one of this agent's sessions; true when it was running.</summary>
    public async Task<bool> CancelAsync(RequestId requestId, CancellationToken cancellationToken = default)
    {
        ControlProof proof = ControlProof.Create(_agent, _binding, ControlVerb.Cancel, Server, requestId, Now());
        try
        {
            Wire.CancelReply reply = await _grpc.CancelAsync(ProtoMapping.FromCancelProof(proof), cancellationToken: cancellationToken).ConfigureAwait(false);
            return reply.Found;
        }
        catch (RpcException ex) when (Explain(ex) is { } clear)
        {
            throw clear;
        }
    }

    /// <summary>Running sessions on the daemon (needs an ACL pair with <c>diagnostics = true</c>), as JSON.</summary>
    public async Task<string> SessionsJsonAsync(CancellationToken cancellationToken = default)
    {
        ControlProof proof = ControlProof.Create(_agent, _binding, ControlVerb.Sessions, Server, default, Now());
        Wire.SessionsReply reply;
        try
        {
            reply = await _grpc.SessionsAsync(ProtoMapping.FromQueryProof(proof), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException ex) when (Explain(ex) is { } clear)
        {
            throw clear;
        }

        return SessionsJson.Write(reply.Sessions.Select(s => new SessionInfo(
            RequestId.FromBytes(s.RequestId.Span),
            AgentId.FromBytes(s.AgentId.Span),
            MachineId.FromBytes(s.MachineId.Span),
            s.ArgvSummary,
            (long)s.AgeMs,
            (int)s.Pid)).ToArray());
    }

    /// <summary>The daemon's diagnostics document (needs an ACL pair with <c>diagnostics = true</c>).</summary>
    public async Task<string> DiagnosticsJsonAsync(CancellationToken cancellationToken = default)
    {
        ControlProof proof = ControlProof.Create(_agent, _binding, ControlVerb.Diagnostics, Server, default, Now());
        try
        {
            Wire.DiagnosticsReply reply = await _grpc.DiagnosticsAsync(ProtoMapping.FromQueryProof(proof), cancellationToken: cancellationToken).ConfigureAwait(false);
            return reply.Json;
        }
        catch (RpcException ex) when (Explain(ex) is { } clear)
        {
            throw clear;
        }
    }

    public void Dispose()
    {
        _channel.Dispose();
        _certificate.Dispose();
    }

    private bool AcceptsServer(X509Certificate? cert)
    {
        if (cert is null)
        {
            return false;
        }

        MachineId presented = MachineId.FromCertificate(cert as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(cert.GetRawCertData()));
        if (presented == Server)
        {
            return true;
        }

        _presentedMismatch = presented.ToString();
        return false;
    }

    /// <summary>
    /// A one-line replacement for the transport's exception chain when the cause is known (the daemon's key is not
    /// the pinned one; nothing listens on the port); null to let the original through.
    /// </summary>
    private RpcException? Explain(RpcException ex)
    {
        // A refused server key fails every handshake of this client, whatever status the transport maps it to.
        if (_presentedMismatch is { } presented)
        {
            return new RpcException(new Status(
                StatusCode.Unavailable,
                $"{_endpoint} presented machine id {presented}, but the pin (--machine / known_hosts) is {Server}; refusing to connect"));
        }

        if (ex.StatusCode != StatusCode.Unavailable)
        {
            return null;
        }

        for (Exception? e = ex.Status.DebugException; e is not null; e = e.InnerException)
        {
            if (e is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused })
            {
                return new RpcException(new Status(
                    StatusCode.Unavailable, $"cannot connect to {_endpoint}: connection refused (is vigil serve running?)"));
            }
        }

        return null;
    }

    private ulong Now() => (ulong)_time.GetUtcNow().ToUnixTimeMilliseconds();
}
