using System.Net.Sockets;
using System.Text;

namespace Vigil.Server.Daemon;

/// <summary>
/// sd_notify by hand: one datagram to the unix socket named by <c>$NOTIFY_SOCKET</c> (<c>Type=notify</c> units),
/// so systemd starts dependants only once the daemon is listening. A no-op outside systemd.
/// </summary>
internal sealed class SystemdNotifier(string? socketPath)
{
    public static SystemdNotifier FromEnvironment() => new(Environment.GetEnvironmentVariable("NOTIFY_SOCKET"));

    /// <summary>Sends <paramref name="state"/> (e.g. <c>READY=1</c>); false when there is no socket or it fails.</summary>
    public bool Notify(string state)
    {
        if (string.IsNullOrEmpty(socketPath))
        {
            return false;
        }

        // A leading '@' names an abstract socket.
        string path = socketPath[0] == '@' ? "\0" + socketPath[1..] : socketPath;
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(path));
            socket.Send(Encoding.UTF8.GetBytes(state));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
