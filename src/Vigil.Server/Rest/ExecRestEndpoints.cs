using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Vigil.Client.Contract;
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
    /// <summary>Every REST path starts with this.</summary>
    public const string PathPrefix = "/v1/exec/";

    public static void Map(IEndpointRouteBuilder routes, ExecService exec)
    {
        routes.MapPost(PathPrefix + "run", (HttpContext http) => RunAsync(http, exec));
        routes.MapPost(PathPrefix + "cancel", (HttpContext http) => CancelAsync(http, exec));
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
            using JsonDocument doc = await ReadBodyAsync(http, RequestLimits.MaxJsonBodyBytes(exec.Policy.Caps.MaxStdinBytes)).ConfigureAwait(false);
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
            using JsonDocument doc = await ReadBodyAsync(http, RequestLimits.EnvelopeBytes).ConfigureAwait(false);
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

    /// <summary>
    /// Reads at most <paramref name="limit"/> bytes, refusing a larger body (declared or chunked) as soon as it
    /// shows, so that a stranger cannot make the daemon buffer more than a real request could be.
    /// </summary>
    private static async Task<JsonDocument> ReadBodyAsync(HttpContext http, int limit)
    {
        if (http.Request.ContentLength > limit)
        {
            throw new FormatException(TooLarge(limit));
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            // Kestrel's own cap (30 MB by default) would otherwise answer a valid large stdin with a plain 413.
            size.MaxRequestBodySize = limit + 1L;
        }

        using var body = new MemoryStream();
        byte[] chunk = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int n;
            while ((n = await http.Request.Body.ReadAsync(chunk, http.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (body.Length + n > limit)
                {
                    throw new FormatException(TooLarge(limit));
                }

                body.Write(chunk, 0, n);
            }
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel's framing errors, including its own size cap tripping first on a chunked body.
            throw new FormatException(ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? TooLarge(limit) : "malformed body: " + ex.Message, ex);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return JsonDocument.Parse(body.ToArray());
    }

    private static string TooLarge(int limit) =>
        string.Create(CultureInfo.InvariantCulture, $"body too large: at most {limit} bytes are accepted");

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
