using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Vigil.Exec;
using Vigil.Exec.Identity;
using Vigil.Exec.Runner;
using Vigil.Exec.Sessions;

namespace Vigil.Server.Rest;

/// <summary>
/// REST for curl and scripts on the same mTLS port: <c>POST /v1/exec/run</c> blocks and returns the aggregated
/// result (denials are a normal 200 result), <c>POST /v1/exec/cancel</c>. Malformed bodies are 400 JSON errors.
/// A dropped HTTP request cancels its session, as the gRPC stream does.
/// </summary>
internal static class ExecRestEndpoints
{
    private const int MaxBodyBytes = 64 * 1024 * 1024;

    public static void Map(IEndpointRouteBuilder routes, ExecService exec)
    {
        routes.MapPost("/v1/exec/run", (HttpContext http) => RunAsync(http, exec));
        routes.MapPost("/v1/exec/cancel", (HttpContext http) => CancelAsync(http, exec));
    }

    private static async Task RunAsync(HttpContext http, ExecService exec)
    {
        if (http.Connection.ClientCertificate is not { } cert)
        {
            await WriteAsync(http, StatusCodes.Status401Unauthorized, RestJson.Error("client certificate required")).ConfigureAwait(false);
            return;
        }

        SignedRequest signed;
        try
        {
            using JsonDocument doc = await ReadBodyAsync(http).ConfigureAwait(false);
            signed = RestJson.ReadRun(doc.RootElement);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or OverflowException)
        {
            exec.RecordMalformed();
            await WriteAsync(http, StatusCodes.Status400BadRequest, RestJson.Error(ex.Message)).ConfigureAwait(false);
            return;
        }

        var sink = new AggregatingSink();
        SessionExit? exit = await exec.RunAsync(signed, MachineId.FromCertificate(cert), sink, http.RequestAborted).ConfigureAwait(false);
        if (exit is null)
        {
            await WriteAsync(http, StatusCodes.Status503ServiceUnavailable, RestJson.Error("daemon shutting down")).ConfigureAwait(false);
            return;
        }

        await WriteAsync(http, StatusCodes.Status200OK, RestJson.WriteResult(exit, sink.Stdout.WrittenSpan, sink.Stderr.WrittenSpan, sink.Warnings)).ConfigureAwait(false);
    }

    private static async Task CancelAsync(HttpContext http, ExecService exec)
    {
        if (http.Connection.ClientCertificate is not { } cert)
        {
            await WriteAsync(http, StatusCodes.Status401Unauthorized, RestJson.Error("client certificate required")).ConfigureAwait(false);
            return;
        }

        ControlProof proof;
        try
        {
            using JsonDocument doc = await ReadBodyAsync(http).ConfigureAwait(false);
            proof = RestJson.ReadCancel(doc.RootElement);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            await WriteAsync(http, StatusCodes.Status400BadRequest, RestJson.Error(ex.Message)).ConfigureAwait(false);
            return;
        }

        MachineId caller = MachineId.FromCertificate(cert);
        AgentId? agent = exec.VerifyControl(proof, caller);
        if (agent is null)
        {
            await WriteAsync(http, StatusCodes.Status403Forbidden, RestJson.Error("unverified_sender")).ConfigureAwait(false);
            return;
        }

        bool found = exec.Cancel(agent.Value, caller, proof.RequestId);
        await WriteAsync(http, StatusCodes.Status200OK, found ? "{\"ok\":true,\"found\":true}" : "{\"ok\":true,\"found\":false}").ConfigureAwait(false);
    }

    private static async Task<JsonDocument> ReadBodyAsync(HttpContext http)
    {
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            throw new FormatException("body too large");
        }

        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted).ConfigureAwait(false);
        if (buffer.Length > MaxBodyBytes)
        {
            throw new FormatException("body too large");
        }

        return JsonDocument.Parse(buffer.ToArray());
    }

    private static Task WriteAsync(HttpContext http, int status, string json)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(json);
    }

    /// <summary>Collects forwarded output in arrival order, as the reference's client does.</summary>
    private sealed class AggregatingSink : ISessionSink
    {
        public System.Buffers.ArrayBufferWriter<byte> Stdout { get; } = new();

        public System.Buffers.ArrayBufferWriter<byte> Stderr { get; } = new();

        public List<WarningKind> Warnings { get; } = [];

        public ValueTask SendAsync(RunEvent runEvent, CancellationToken cancellationToken)
        {
            switch (runEvent)
            {
                case RunOutput o:
                    System.Buffers.BuffersExtensions.Write(o.Stream == OutputStream.Stdout ? Stdout : Stderr, o.Data);
                    break;
                case RunWarning w:
                    Warnings.Add(w.Kind);
                    break;
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask SendExitAsync(SessionExit exit, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
