using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Vigil.Client.Contract;
using Vigil.Exec.Identity;
using Vigil.Exec.Runner;
using Vigil.Exec.Sessions;
using Wire = Vigil.Client.Protos;

namespace Vigil.Server.Rpc;

/// <summary>The gRPC face of <see cref="ExecService"/> (service <c>vigil.exec.v1.Exec</c>).</summary>
internal sealed class ExecGrpcService(ExecService exec, RunDeadlines deadlines) : Wire.Exec.ExecBase
{
    public override async Task Run(IAsyncStreamReader<Wire.ClientFrame> requestStream, IServerStreamWriter<Wire.ServerFrame> responseStream, ServerCallContext context)
    {
        MachineId caller = CallerMachine(context);
        bool first;
        using (var firstFrame = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken))
        {
            // A stream that never sends its request would otherwise hold its HTTP/2 stream and handler forever.
            firstFrame.CancelAfter(deadlines.FirstFrame);
            try
            {
                first = await requestStream.MoveNext(firstFrame.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!context.CancellationToken.IsCancellationRequested)
            {
                throw new RpcException(new Status(StatusCode.DeadlineExceeded, "no signed request within " + deadlines.FirstFrame.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + " s"));
            }
        }

        if (!first || requestStream.Current.FrameCase != Wire.ClientFrame.FrameOneofCase.Request)
        {
            exec.RecordMalformed();
            throw new RpcException(new Status(StatusCode.InvalidArgument, "the first frame must be a signed request"));
        }

        SignedRequest signed;
        try
        {
            signed = ProtoMapping.ToSignedRequest(requestStream.Current.Request);
        }
        catch (FormatException ex)
        {
            exec.RecordMalformed();
            throw new RpcException(new Status(StatusCode.InvalidArgument, ex.Message));
        }

        // The stream is the lease: a Cancel frame, a half-close or a reset before Exit cancels the session.
        using var gone = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        var sink = new StreamSink(responseStream, signed.Request.RequestId);
        Task<SessionExit?> session = exec.RunAsync(signed, caller, sink, gone.Token);
        Task watcher = WatchClientAsync(requestStream, signed, caller, gone, session, stopReading.Token);
        SessionExit? exit = await session.ConfigureAwait(false);
        // Kestrel pools HTTP/2 streams: no read may still be pending when the handler returns.
        await stopReading.CancelAsync().ConfigureAwait(false);
        await watcher.ConfigureAwait(false);
        if (exit is null)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "daemon shutting down"));
        }
    }

    public override Task<Wire.CancelReply> Cancel(Wire.SignedCancel request, ServerCallContext context)
    {
        MachineId caller = CallerMachine(context);
        ControlProof proof;
        try
        {
            proof = ProtoMapping.ToControlProof(request);
        }
        catch (FormatException ex)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, ex.Message));
        }

        AgentId? agent = exec.VerifyControl(proof, caller)
            ?? throw new RpcException(new Status(StatusCode.PermissionDenied, "unverified_sender"));
        return Task.FromResult(new Wire.CancelReply { Found = exec.Cancel(agent.Value, caller, proof.RequestId) });
    }

    public override Task<Wire.SessionsReply> Sessions(Wire.SignedQuery request, ServerCallContext context)
    {
        Authorize(request, Vigil.Exec.Sessions.ControlVerb.Sessions, context);
        var reply = new Wire.SessionsReply();
        foreach (SessionInfo s in exec.Sessions())
        {
            reply.Sessions.Add(new Wire.SessionInfo
            {
                RequestId = Google.Protobuf.ByteString.CopyFrom(s.RequestId.ToBytes()),
                AgentId = Google.Protobuf.ByteString.CopyFrom(s.AgentId.ToBytes()),
                MachineId = Google.Protobuf.ByteString.CopyFrom(s.MachineId.ToBytes()),
                ArgvSummary = s.ArgvSummary,
                AgeMs = (ulong)s.AgeMs,
                Pid = (uint)s.Pid,
            });
        }

        return Task.FromResult(reply);
    }

    public override Task<Wire.DiagnosticsReply> Diagnostics(Wire.SignedQuery request, ServerCallContext context)
    {
        Authorize(request, Vigil.Exec.Sessions.ControlVerb.Diagnostics, context);
        return Task.FromResult(new Wire.DiagnosticsReply { Json = exec.Diagnostics().ToJson() });
    }

    /// <summary>The MachineId proven by the TLS client certificate (Kestrel requires one on every connection).</summary>
    internal static MachineId CallerMachine(ServerCallContext context)
    {
        HttpContext http = context.GetHttpContext();
        return http.Connection.ClientCertificate is { } cert
            ? MachineId.FromCertificate(cert)
            : throw new RpcException(new Status(StatusCode.Unauthenticated, "client certificate required"));
    }

    private void Authorize(Wire.SignedQuery request, Vigil.Exec.Sessions.ControlVerb verb, ServerCallContext context)
    {
        MachineId caller = CallerMachine(context);
        ControlProof proof;
        try
        {
            proof = ProtoMapping.ToControlProof(request, verb);
        }
        catch (FormatException ex)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, ex.Message));
        }

        AgentId? agent = exec.VerifyControl(proof, caller);
        if (agent is null || !exec.AllowsDiagnostics(agent.Value, caller))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, "diagnostics not allowed for this agent and machine"));
        }
    }

    private async Task WatchClientAsync(
        IAsyncStreamReader<Wire.ClientFrame> requestStream, SignedRequest signed, MachineId caller, CancellationTokenSource gone, Task session, CancellationToken stopReading)
    {
        try
        {
            while (await requestStream.MoveNext(stopReading).ConfigureAwait(false))
            {
                if (requestStream.Current.FrameCase == Wire.ClientFrame.FrameOneofCase.Cancel)
                {
                    exec.Cancel(signed.ClaimedAgentId, caller, signed.Request.RequestId);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or RpcException or InvalidOperationException)
        {
            // Reset, or the read stopped because the session is over.
        }

        if (!session.IsCompleted)
        {
            // Half-close or reset before Exit: the caller let go of the lease.
            await gone.CancelAsync().ConfigureAwait(false);
        }
    }

    private sealed class StreamSink(IServerStreamWriter<Wire.ServerFrame> stream, RequestId requestId) : ISessionSink
    {
        private readonly SemaphoreSlim _gate = new(1, 1);

        public ValueTask SendAsync(RunEvent runEvent, CancellationToken cancellationToken) =>
            WriteAsync(ProtoMapping.ToFrame(runEvent, requestId), cancellationToken);

        public ValueTask SendExitAsync(SessionExit exit, CancellationToken cancellationToken) =>
            WriteAsync(ProtoMapping.ToFrame(exit), cancellationToken);

        private async ValueTask WriteAsync(Wire.ServerFrame frame, CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not IOException)
            {
                // Whatever the transport throws, for the session it means "caller gone".
                throw new IOException("exec stream closed", ex);
            }
            finally
            {
                _gate.Release();
            }
        }
    }
}
