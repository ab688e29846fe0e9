using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Vigil.Exec.Identity;

namespace Vigil.Client;

/// <summary>
/// <c>known_hosts</c> in the key directory: one <c>HOST[:PORT] MACHINE_ID</c> per line, <c>#</c> comments.
/// Used to pin a daemon when <c>--machine</c> is not given.
/// </summary>
public static class KnownHosts
{
    public const string FileName = "known_hosts";

    /// <summary>The pinned MachineId for host:port (an entry without a port matches any port), or null.</summary>
    public static MachineId? Lookup(string keyDirectory, string host, int port)
    {
        string path = Path.Combine(keyDirectory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        string withPort = host + ":" + port.ToString(CultureInfo.InvariantCulture);
        MachineId? hostOnly = null;
        foreach (string raw in File.ReadLines(path))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            string[] parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || !MachineId.TryParse(parts[1], out MachineId id))
            {
                continue;
            }

            if (string.Equals(parts[0], withPort, StringComparison.OrdinalIgnoreCase))
            {
                return id;
            }

            if (string.Equals(parts[0], host, StringComparison.OrdinalIgnoreCase))
            {
                hostOnly ??= id;
            }
        }

        return hostOnly;
    }

    /// <summary>
    /// First-use trust (only on explicit request): completes a TLS handshake with <paramref name="machine"/>'s
    /// certificate, takes the server certificate's MachineId and appends <c>HOST:PORT HEX</c> to known_hosts.
    /// </summary>
    public static async Task<MachineId> TrustOnFirstUseAsync(string keyDirectory, MachineKey machine, string host, int port, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(machine);
        using X509Certificate2 mine = machine.CreateSelfSignedCertificate();
        MachineId? seen = null;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = host,
            EnabledSslProtocols = SslProtocols.Tls13,
            ClientCertificates = [mine],
            LocalCertificateSelectionCallback = (_, _, _, _, _) => mine,
            RemoteCertificateValidationCallback = (_, cert, _, _) =>
            {
                if (cert is X509Certificate2 x)
                {
                    seen = MachineId.FromCertificate(x);
                }

                return cert is not null;
            },
        }, cancellationToken).ConfigureAwait(false);
        MachineId id = seen ?? throw new AuthenticationException("the server presented no certificate");
        string path = Path.Combine(keyDirectory, FileName);
        string line = host + ":" + port.ToString(CultureInfo.InvariantCulture) + " " + id + "\n";
        await File.AppendAllTextAsync(path, line, cancellationToken).ConfigureAwait(false);
        return id;
    }
}
