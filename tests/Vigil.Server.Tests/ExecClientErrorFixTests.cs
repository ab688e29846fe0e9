using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using Vigil.Client;

namespace Vigil.Server.Tests;

/// <summary>Transport failures whose cause is known read as one line, like ssh, instead of an exception chain.</summary>
public sealed class ExecClientErrorFixTests
{
    [Fact]
    public async Task WrongServerPin_SaysWhatWasPresentedAndWhatWasPinned()
    {
        await using ExecTestHost host = await ExecTestHost.StartAsync();
        // Pin alice's MachineId while dialling bob's daemon.
        using var client = new ExecClient(host.Alice, "127.0.0.1", host.Daemon.ListenEndPoint.Port, host.Alice.MachineId);

        RpcException refused = await Assert.ThrowsAsync<RpcException>(
            () => client.RunAsync(client.Sign(["echo", "1"], default, 10_000)));

        string endpoint = "127.0.0.1:" + host.Daemon.ListenEndPoint.Port.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(
            $"{endpoint} presented machine id {host.Daemon.Identity.MachineId}, but the pin (--machine / known_hosts) is {host.Alice.MachineId}; refusing to connect",
            refused.Status.Detail);
        Assert.Equal(StatusCode.Unavailable, refused.StatusCode);
        // Nothing reached the exec core.
        Assert.Equal(0, host.Daemon.Exec.Slots.Total);
        Assert.Empty(host.AuditEvents());
    }

    [Fact]
    public async Task NothingListening_SaysConnectionRefused()
    {
        await using ExecTestHost host = await ExecTestHost.StartAsync();
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            // A port that was just free and is closed again: connecting to it is refused.
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }

        using var client = new ExecClient(host.Alice, "127.0.0.1", port, host.Daemon.Identity.MachineId);
        RpcException refused = await Assert.ThrowsAsync<RpcException>(() => client.RunAsync(client.Sign(["echo", "1"], default, 10_000)));

        Assert.Equal(StatusCode.Unavailable, refused.StatusCode);
        Assert.Equal(
            $"cannot connect to 127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}: connection refused (is vigil serve running?)",
            refused.Status.Detail);
    }
}
