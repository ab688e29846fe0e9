using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Grpc.Net.Client;
using Vigil.Client.Contract;
using Vigil.Exec;
using Vigil.Exec.Identity;
using Vigil.Exec.Runner;
using Vigil.Client;
using static Vigil.Server.Tests.ExecTestHost;

namespace Vigil.Server.Tests;

/// <summary>Refusals before anything runs: transport identity, signatures, replay, freshness, target, tampering.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ExecAttackTests
{
    [Fact]
    public async Task NoClientCertificate_IsRefusedAtTls_GrpcAndRest()
    {
        await using ExecTestHost host = await ExecTestHost.StartAsync();
        SignedRequest request = host.ClientFor(host.Alice).Sign(["echo", "42"], default, 5000);

        static SocketsHttpHandler NoCertHandler() => new()
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                EnabledSslProtocols = SslProtocols.Tls13,
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            },
        };

        using var http = new HttpClient(NoCertHandler());
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            using var content = new StringContent(RestJson.WriteRun(request), Encoding.UTF8, "application/json");
            using HttpResponseMessage response = await http.PostAsync(new Uri($"https://127.0.0.1:{host.Daemon.ListenEndPoint.Port}/v1/exec/run"), content);
            response.EnsureSuccessStatusCode();
        });

        using GrpcChannel channel = GrpcChannel.ForAddress($"https://127.0.0.1:{host.Daemon.ListenEndPoint.Port}", new GrpcChannelOptions { HttpHandler = NoCertHandler() });
        var grpc = new Vigil.Client.Protos.Exec.ExecClient(channel);
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            using var call = grpc.Run();
            await call.RequestStream.WriteAsync(new Vigil.Client.Protos.ClientFrame { Request = Vigil.Client.Contract.ProtoMapping.FromSignedRequest(request) });
            await call.ResponseStream.MoveNext(CancellationToken.None);
        });

        AssertNothingRan(host, received: 0);
    }

    [Fact]
    public async Task UnknownCertificate_IsUnverified()
    {
        await using ExecTestHost host = await ExecTestHost.StartAsync();
        using var stranger = MachineKey.Generate();
        using var client = new ExecClient(stranger, host.Alice.Agent, host.Alice.Binding, "127.0.0.1", host.Daemon.ListenEndPoint.Port, host.Daemon.Identity.MachineId);
        Run run = await RunAsync(client, "echo", "42");
        Assert.Equal(DenialReason.UnverifiedSender, run.Exit.Denial);
        AssertNothingRan(host, received: 1);
    }

    [Fact]
    public async Task UnsignedRequest_IsUnverified()
    {
        await using ExecTestHost host = await ExecTestHost.StartAsync();
        using ExecClient alice = host.ClientFor(host.Alice);
        SignedRequest signed = alice.Sign(["echo", "42"], default, 5000);
        Run run = await RunAsync(alice, signed with { Signature = ReadOnlyMemory<byte>.Empty });
        Assert.Equal(DenialReason.UnverifiedSender, run.Exit.Denial);
        AssertNothingRan(host, received: 1);
    }

    [Fact]
    public async Task TamperedArgvAfterSigning_IsUnverified_EvenIfTheNewArgvIsAllowed()
    {
        await using ExecTestHost host = await ExecTestHost.StartAsync();
        using ExecClient alice = host.ClientFor(host.Alice);
        SignedRequest signed = alice.Sign(["echo", "42"], default, 5000);
        Run run = await RunAsync(alice, signed with { Request = signed.Request with { Argv = ["echo", "43"] } });
        Assert.Equal(DenialReason.UnverifiedSender, run.Exit.Denial);
        AssertNothingRan(host, received: 1);
        Assert.Equal("unverified_sender", host.AuditEvents().Single().GetProperty("reason").GetString());
    }

    [Fact]
    public async Task ReplayedRequest_IsRefusedAndDoesNotRunAgain()
    {
        await using ExecTestHost host = await ExecTestHost.StartAsync();
        using ExecClient alice = host.ClientFor(host.Alice);
        SignedRequest signed = alice.Sign(["echo", "42"], default, 5000);
        Run first = await RunAsync(alice, signed);
        Assert.Equal(0, first.Exit.Code);
        Run again = await RunAsync(alice, signed);
        Assert.Equal(DenialReason.ReplayedRequest, again.Exit.Denial);
        JsonElement totals = host.Diagnostics().GetProperty("totals");
        Assert.Equal(1, totals.GetProperty("sessions_started").GetInt64());
        Assert.Equal(1, totals.GetProperty("replays_rejected").GetInt64());
    }

    [Fact]
    public async Task StaleAndWrongTarget_AreRefused()
    {
        await using ExecTestHost host = await ExecTestHost.StartAsync();
        using ExecClient alice = host.ClientFor(host.Alice);
        ulong now = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var stale = new ExecRequest(host.Daemon.Identity.MachineId, RequestId.NewRandom(), now - 600_000, 5000, ["echo", "1"], default, false);
        Assert.Equal(DenialReason.StaleRequest, (await RunAsync(alice, host.Alice.Signer.Sign(stale))).Exit.Denial);
        var elsewhere = new ExecRequest(host.Charlie.MachineId, RequestId.NewRandom(), now, 5000, ["echo", "1"], default, false);
        Assert.Equal(DenialReason.WrongTarget, (await RunAsync(alice, host.Alice.Signer.Sign(elsewhere))).Exit.Denial);
        AssertNothingRan(host, received: 2);
    }

    [Fact]
    public async Task Rest_RunsAndDeniesWithAggregatedResult_MalformedIs400()
    {
        await using ExecTestHost host = await ExecTestHost.StartAsync();
        using ExecClient alice = host.ClientFor(host.Alice);
        using X509Certificate2 cert = host.Alice.Machine.CreateSelfSignedCertificate();
        using var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                EnabledSslProtocols = SslProtocols.Tls13,
                ClientCertificates = [cert],
                LocalCertificateSelectionCallback = (_, _, _, _, _) => cert,
                RemoteCertificateValidationCallback = (_, c, _, _) => c is X509Certificate2 x && MachineId.FromCertificate(x) == host.Daemon.Identity.MachineId,
            },
        };
        using var http = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{host.Daemon.ListenEndPoint.Port}/") };

        JsonElement ok = await PostAsync(http, "v1/exec/run", RestJson.WriteRun(alice.Sign(["echo", "42"], default, 5000)), 200);
        Assert.True(ok.GetProperty("ok").GetBoolean());
        Assert.Equal(0, ok.GetProperty("code").GetInt32());
        Assert.Equal(Convert.ToBase64String("42\n"u8), ok.GetProperty("stdout_b64").GetString());
        Assert.Equal(3, ok.GetProperty("stdout_bytes_total").GetInt64());
        Assert.Equal(JsonValueKind.Null, ok.GetProperty("denial_reason").ValueKind);

        JsonElement denied = await PostAsync(http, "v1/exec/run", RestJson.WriteRun(alice.Sign(["echo", "hello"], default, 5000)), 200);
        Assert.Equal("argv_not_allowed", denied.GetProperty("denial_reason").GetString());
        Assert.Equal(JsonValueKind.Null, denied.GetProperty("code").ValueKind);

        JsonElement bad = await PostAsync(http, "v1/exec/run", "{\"argv\":[\"echo\"],\"bogus\":1}", 400);
        Assert.False(bad.GetProperty("ok").GetBoolean());
        Assert.Contains("bogus", bad.GetProperty("error").GetString(), StringComparison.Ordinal);
        JsonElement notJson = await PostAsync(http, "v1/exec/run", "not json", 400);
        Assert.False(notJson.GetProperty("ok").GetBoolean());

        JsonElement cancel = await PostAsync(http, "v1/exec/cancel", RestJson.WriteCancel(
            Vigil.Exec.Sessions.ControlProof.Create(host.Alice.Agent, host.Alice.Binding, Vigil.Exec.Sessions.ControlVerb.Cancel, host.Daemon.Identity.MachineId, RequestId.NewRandom(), (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())), 200);
        Assert.False(cancel.GetProperty("found").GetBoolean());
    }

    [Fact]
    public async Task PinnedDigestMismatch_IsDenied_BeforeSpawn()
    {
        await using ExecTestHost host = await ExecTestHost.StartAsync();
        using ExecClient alice = host.ClientFor(host.Alice);
        Run run = await RunAsync(alice, "printenv", "HOME");
        Assert.Equal(DenialReason.ExecutableDigestMismatch, run.Exit.Denial);
        JsonElement totals = host.Diagnostics().GetProperty("totals");
        Assert.Equal(0, totals.GetProperty("sessions_started").GetInt64());
        Assert.Equal(1, totals.GetProperty("denial_breakdown").GetProperty("executable_digest_mismatch").GetInt64());
        Assert.Equal(["request", "denial"], host.AuditEvents().Select(e => e.GetProperty("event").GetString()));
    }

    [Fact]
    public async Task UnwritableAudit_DeniesAuditUnavailable_AndSpawnsNothing()
    {
        // The audit path's parent is a regular file, so no event can ever be made durable.
        string blocker = Path.Combine(Path.GetTempPath(), "vigil-audit-blocker-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(blocker, "not a directory");
        try
        {
            await using ExecTestHost host = await ExecTestHost.StartAsync(auditPath: Path.Combine(blocker, "exec.log"));
            using ExecClient alice = host.ClientFor(host.Alice);
            Run run = await RunAsync(alice, "echo", "42");
            Assert.Equal(DenialReason.AuditUnavailable, run.Exit.Denial);
            Assert.Empty(run.Events);
            JsonElement totals = host.Diagnostics().GetProperty("totals");
            Assert.Equal(0, totals.GetProperty("sessions_started").GetInt64());
            Assert.True(totals.GetProperty("audit_failures").GetInt64() >= 1);
            Assert.Equal(0, host.Daemon.Exec.Slots.Total);
        }
        finally
        {
            File.Delete(blocker);
        }
    }

    [Fact]
    public async Task AdminAndMetricsPaths_AreNotServedOverMtls_InAnyCase()
    {
        // Routing matches paths ignoring case; the listener guard must too, or /ADMIN/... leaks sessions remotely.
        await using ExecTestHost host = await ExecTestHost.StartAsync();
        using X509Certificate2 cert = host.Charlie.Machine.CreateSelfSignedCertificate();
        using HttpClient http = MtlsClient(host, cert);
        foreach (string path in new[] { "admin/diagnostics", "ADMIN/diagnostics", "Admin/Sessions", "admin/sessions/", "metrics", "METRICS", "Metrics/" })
        {
            using HttpResponseMessage response = await http.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == System.Net.HttpStatusCode.NotFound, path + " answered " + response.StatusCode);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Rest_BodyOverTheStdinCap_Is400Json_AndNothingRuns(bool chunked)
    {
        await using ExecTestHost host = await ExecTestHost.StartAsync();
        using ExecClient alice = host.ClientFor(host.Alice);
        using X509Certificate2 cert = host.Alice.Machine.CreateSelfSignedCertificate();
        using HttpClient http = MtlsClient(host, cert);

        // The test ACL keeps the default max_stdin_bytes; a stdin as long as the whole body bound is far over it.
        int limit = RequestLimits.MaxJsonBodyBytes(Vigil.Exec.Policy.ExecCaps.DefaultMaxStdinBytes);
        byte[] stdin = new byte[limit];
        string body = RestJson.WriteRun(alice.Sign(["echo", "1"], stdin, 5000));
        Assert.True(Encoding.UTF8.GetByteCount(body) > limit);

        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("v1/exec/run", UriKind.Relative)) { Content = content };
        request.Headers.TransferEncodingChunked = chunked;
        using HttpResponseMessage response = await http.SendAsync(request);
        Assert.Equal(400, (int)response.StatusCode);
        JsonElement error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.False(error.GetProperty("ok").GetBoolean());
        Assert.StartsWith("body too large", error.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, host.Diagnostics().GetProperty("totals").GetProperty("requests_allowed").GetInt64());
        Assert.Empty(host.AuditEvents());
    }

    [Fact]
    public void OversizedArgv_IsMalformed_OnBothTransports()
    {
        var request = new ExecRequest(
            MachineId.FromBytes(new byte[32]), RequestId.NewRandom(), 0, 1000, [.. Enumerable.Repeat("x", RequestLimits.MaxArgvCount + 1)], default, false);
        var signed = new SignedRequest(request, new byte[1], new byte[1], AgentId.FromBytes(new byte[32]), new byte[1]);

        Assert.Throws<FormatException>(() => Vigil.Client.Contract.ProtoMapping.ToSignedRequest(Vigil.Client.Contract.ProtoMapping.FromSignedRequest(signed)));
        Assert.Throws<FormatException>(() => RestJson.ReadRun(JsonDocument.Parse(RestJson.WriteRun(signed)).RootElement));

        // One token fewer is a well-formed request (whatever the policy later decides).
        var fits = signed with { Request = request with { Argv = [.. Enumerable.Repeat("x", RequestLimits.MaxArgvCount)] } };
        Assert.Equal(RequestLimits.MaxArgvCount, Vigil.Client.Contract.ProtoMapping.ToSignedRequest(Vigil.Client.Contract.ProtoMapping.FromSignedRequest(fits)).Request.Argv.Count);
        Assert.Equal(RequestLimits.MaxArgvCount, RestJson.ReadRun(JsonDocument.Parse(RestJson.WriteRun(fits)).RootElement).Request.Argv.Count);
    }

    private static HttpClient MtlsClient(ExecTestHost host, X509Certificate2 cert) => new(new SocketsHttpHandler
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            EnabledSslProtocols = SslProtocols.Tls13,
            ClientCertificates = [cert],
            LocalCertificateSelectionCallback = (_, _, _, _, _) => cert,
            RemoteCertificateValidationCallback = (_, c, _, _) => c is X509Certificate2 x && MachineId.FromCertificate(x) == host.Daemon.Identity.MachineId,
        },
    })
    {
        BaseAddress = new Uri($"https://127.0.0.1:{host.Daemon.ListenEndPoint.Port}/"),
    };

    private static async Task<JsonElement> PostAsync(HttpClient http, string path, string body, int expectedStatus)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await http.PostAsync(new Uri(path, UriKind.Relative), content);
        Assert.Equal(expectedStatus, (int)response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static void AssertNothingRan(ExecTestHost host, int received)
    {
        JsonElement totals = host.Diagnostics().GetProperty("totals");
        Assert.Equal(received, totals.GetProperty("requests_received").GetInt64());
        Assert.Equal(received, totals.GetProperty("requests_denied").GetInt64());
        Assert.Equal(0, totals.GetProperty("requests_allowed").GetInt64());
        Assert.Equal(0, totals.GetProperty("sessions_started").GetInt64());
        Assert.DoesNotContain(host.AuditEvents(), e => e.GetProperty("event").GetString() is "request" or "started");
    }
}
