using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using Vigil.Client;
using Vigil.Exec.Runner;
using Wire = Vigil.Client.Protos;
using static Vigil.Server.Tests.ExecTestHost;

namespace Vigil.Server.Tests;

/// <summary>
/// Connections that never authenticate cannot hold the daemon: handshakes and first frames have deadlines, and
/// connections still in their handshake are capped, while authenticated callers keep being served.
/// </summary>
// Connection caps and deadlines are about what the daemon does while it has the machine: run them alone, not beside
// the other daemons of this assembly competing for two cores.
[Collection(nameof(ConnectionLimitTests))]
[CollectionDefinition(nameof(ConnectionLimitTests), DisableParallelization = true)]
public sealed class ConnectionLimitTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task HundredsOfIdleConnections_RealRequestsAreStillServed_AndTheIdleOnesAreDropped()
    {
        await using ExecTestHost host = await ExecTestHost.StartAsync(configure: o => o with { HandshakeTimeout = TimeSpan.FromSeconds(2) });
        List<Socket> idle = await OpenIdleAsync(host, 300);
        try
        {
            using ExecClient client = host.ClientFor(host.Alice);
            for (int i = 1; i <= 5; i++)
            {
                Run run = await RunAsync(client, "echo", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                Assert.Equal(0, run.Exit.Code);
                Assert.Equal(i + "\n", run.Text(OutputStream.Stdout));
            }

            // Every idle connection is closed by the daemon (a read returns end of stream or a reset).
            foreach (Socket socket in idle)
            {
                await ReadsEndAsync(socket).WaitAsync(Bound);
            }
        }
        finally
        {
            idle.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task BeyondTheCap_NewConnectionIsClosedAtOnce_WhileAnAuthenticatedCallerIsServed()
    {
        await using ExecTestHost host = await ExecTestHost.StartAsync(configure: o => o with { MaxUnauthenticatedConnections = 20, HandshakeTimeout = TimeSpan.FromMinutes(5) });
        using ExecClient client = host.ClientFor(host.Alice);
        Assert.Equal(0, (await RunAsync(client, "echo", "1")).Exit.Code);
        List<Socket> idle = await OpenIdleAsync(host, 20);
        try
        {
            using Socket extra = (await OpenIdleAsync(host, 1))[0];

            // With the handshake deadline five minutes away (and Kestrel's own default 10 s), only the cap closes it now.
            await ReadsEndAsync(extra).WaitAsync(TimeSpan.FromSeconds(8));
            Assert.Equal(0, (await RunAsync(client, "echo", "2")).Exit.Code);
        }
        finally
        {
            idle.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task RunStreamWithoutItsFirstFrame_IsEndedByTheDaemon()
    {
        await using ExecTestHost host = await ExecTestHost.StartAsync(configure: o => o with { FirstFrameTimeout = TimeSpan.FromSeconds(1) });
        using ExecClient client = host.ClientFor(host.Alice);
        Assert.Equal(0, (await RunAsync(client, "echo", "1")).Exit.Code);

        using AsyncDuplexStreamingCall<Wire.ClientFrame, Wire.ServerFrame> call = client.OpenRawRunForTests();
        RpcException ended = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(Bound));

        Assert.Equal(StatusCode.DeadlineExceeded, ended.StatusCode);
        Assert.Equal(0, (await RunAsync(client, "echo", "2")).Exit.Code);
    }

    private static async Task<List<Socket>> OpenIdleAsync(ExecTestHost host, int count)
    {
        var sockets = new List<Socket>(count);
        for (int i = 0; i < count; i++)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, host.Daemon.ListenEndPoint.Port));
            sockets.Add(socket);
        }

        return sockets;
    }

    private static async Task ReadsEndAsync(Socket socket)
    {
        byte[] buffer = new byte[64];
        try
        {
            while (await socket.ReceiveAsync(buffer, SocketFlags.None) > 0)
            {
            }
        }
        catch (SocketException)
        {
            // A reset is an end too.
        }
    }
}
