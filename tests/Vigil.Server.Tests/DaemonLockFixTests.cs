using System.Net;
using System.Net.Sockets;
using Vigil.Exec.Audit;
using Vigil.Server.Daemon;

namespace Vigil.Server.Tests;

/// <summary>
/// One daemon per key directory (it owns <c>admin.sock</c> there) and one per audit log (two writers would break
/// the hash chain): a second one fails with a typed one-line error and leaves the running one untouched.
/// </summary>
public sealed class DaemonLockFixTests
{
    [Fact]
    public async Task SecondDaemon_SameKeyDirectory_IsRefused_AndTheRunningSocketSurvives()
    {
        await using ExecTestHost host = await ExecTestHost.StartAsync();
        string keyDir = Path.Combine(host.Root, "bob");

        DaemonAlreadyRunningException refused = await Assert.ThrowsAsync<DaemonAlreadyRunningException>(
            () => VigilDaemon.StartAsync(Options(host, keyDir)));

        Assert.Equal($"another vigil daemon is running with key directory {keyDir}", refused.Message);
        Assert.True(File.Exists(host.Daemon.AdminSocketPath));
        using (var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            // Still the running daemon's socket: a connect would fail on a deleted or re-created-but-dead path.
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(host.Daemon.AdminSocketPath));
            Assert.True(socket.Connected);
        }
    }

    [Fact]
    public async Task SecondDaemon_SameKeyDirectory_StartsOnceTheFirstIsGone()
    {
        ExecTestHost host = await ExecTestHost.StartAsync();
        string keyDir = Path.Combine(host.Root, "bob");
        var options = Options(host, keyDir);
        await host.Daemon.DisposeAsync();

        await using VigilDaemon second = await VigilDaemon.StartAsync(options);
        Assert.True(File.Exists(second.AdminSocketPath));
        await second.DisposeAsync();
        await host.DisposeAsync();
    }

    [Fact]
    public async Task SecondDaemon_SameAuditLog_IsRefused_AndLeavesNothingBehind()
    {
        await using ExecTestHost host = await ExecTestHost.StartAsync();
        string otherKeyDir = Path.Combine(host.Root, "alice");

        AuditLogInUseException refused = await Assert.ThrowsAsync<AuditLogInUseException>(
            () => VigilDaemon.StartAsync(Options(host, otherKeyDir)));

        Assert.Equal($"audit log {host.AuditPath} is in use by another vigil process (lock {host.AuditPath}.lock)", refused.Message);
        Assert.False(File.Exists(Path.Combine(otherKeyDir, VigilDaemon.AdminSocketName)));

        // The refused start released its key-directory lock.
        await host.Daemon.DisposeAsync();
        await using VigilDaemon retry = await VigilDaemon.StartAsync(Options(host, otherKeyDir));
        Assert.Equal(host.AuditPath, retry.AuditLogPath);
    }

    private static DaemonOptions Options(ExecTestHost host, string keyDir) => new()
    {
        KeyDirectory = keyDir,
        AclPath = Path.Combine(host.Root, "exec-acl.toml"),
        Listen = new IPEndPoint(IPAddress.Loopback, 0),
        Timings = ExecTestHost.FastTimings,
        ShutdownBudget = TimeSpan.FromSeconds(10),
    };
}
