using System.Net.Sockets;
using System.Text;
using Vigil.Client;
using Vigil.Exec;
using Vigil.Exec.Runner;
using Vigil.Server.Daemon;
using static Vigil.Server.Tests.ExecTestHost;

namespace Vigil.Server.Tests;

/// <summary>SIGHUP's reload: a valid ACL applies to the next request; an invalid one is refused and the old one stays.</summary>
public sealed class AclReloadTests
{
    private static string AclPath(ExecTestHost host) => Path.Combine(host.Root, "exec-acl.toml");

    [Fact]
    public async Task ValidAcl_AppliesToTheNextRequest()
    {
        await using ExecTestHost host = await ExecTestHost.StartAsync();
        using ExecClient client = host.ClientFor(host.Alice);
        Assert.Equal(0, (await RunAsync(client, "echo", "1")).Exit.Code);
        Assert.Equal(DenialReason.ArgvNotAllowed, (await RunAsync(client, "printenv", "LANG")).Exit.Denial);

        string acl = await File.ReadAllTextAsync(AclPath(host));
        await File.WriteAllTextAsync(AclPath(host), acl.Replace("argv = [\"echo\", \"<INT>\"]", "argv = [\"printenv\", \"LANG\"]", StringComparison.Ordinal));

        Assert.Null(host.Daemon.ReloadAcl());
        Assert.Equal(DenialReason.ArgvNotAllowed, (await RunAsync(client, "echo", "1")).Exit.Denial);
        Run allowed = await RunAsync(client, "printenv", "LANG");
        Assert.Equal(0, allowed.Exit.Code);
        Assert.Equal("C.UTF-8\n", allowed.Text(OutputStream.Stdout));
    }

    [Fact]
    public async Task InvalidAcl_IsRefusedWithItsReason_AndTheOldPolicyStays()
    {
        await using ExecTestHost host = await ExecTestHost.StartAsync();
        using ExecClient client = host.ClientFor(host.Alice);
        await File.WriteAllTextAsync(AclPath(host), "[exec]\nenabled = true\nbogus_key = 1\n");

        string? refusal = host.Daemon.ReloadAcl();

        Assert.NotNull(refusal);
        Assert.Contains("bogus_key", refusal, StringComparison.Ordinal);
        Assert.Equal(0, (await RunAsync(client, "echo", "1")).Exit.Code);
    }

    [Fact]
    public async Task RunningSession_FinishesUnderThePolicyItStartedWith()
    {
        await using ExecTestHost host = await ExecTestHost.StartAsync();
        using ExecClient client = host.ClientFor(host.Alice);
        using var started = new SemaphoreSlim(0);
        Task<Run> running = RunAsync(client, client.Sign([host.Script("parent.sh")], ReadOnlyMemory<byte>.Empty, 3000), e =>
        {
            if (e is RunStarted)
            {
                started.Release();
            }

            return ValueTask.CompletedTask;
        });
        await started.WaitAsync();

        string acl = await File.ReadAllTextAsync(AclPath(host));
        await File.WriteAllTextAsync(AclPath(host), acl.Replace($"argv = [\"{host.Script("parent.sh")}\"]", "argv = [\"true\"]", StringComparison.Ordinal));
        Assert.Null(host.Daemon.ReloadAcl());

        // Not cut short by the reload: it runs to its own duration limit (timeout 3 s), as admitted.
        Run finished = await running;
        Assert.Null(finished.Exit.Denial);
        Assert.NotNull(finished.Exit.Signal);
        Assert.Equal(DenialReason.ArgvNotAllowed, (await RunAsync(client, host.Script("parent.sh"))).Exit.Denial);
    }

    [Fact]
    public async Task ReadyAndReload_AreNotifiedToSystemd()
    {
        string socketPath = Path.Combine(Directory.CreateTempSubdirectory("vigil-notify-").FullName, "n");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));

        await using ExecTestHost host = await ExecTestHost.StartAsync(configure: o => o with { NotifySocket = socketPath });
        Assert.StartsWith("READY=1\n", await ReceiveAsync(listener), StringComparison.Ordinal);
        host.Daemon.ReloadAcl();
        Assert.StartsWith("RELOADING=1\n", await ReceiveAsync(listener), StringComparison.Ordinal);
        Assert.Equal("READY=1", await ReceiveAsync(listener));
    }

    private static async Task<string> ReceiveAsync(Socket socket)
    {
        byte[] buffer = new byte[512];
        int n = await socket.ReceiveAsync(buffer, SocketFlags.None).WaitAsync(TimeSpan.FromSeconds(20));
        return Encoding.UTF8.GetString(buffer, 0, n);
    }
}
