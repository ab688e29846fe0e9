using System.Net.Sockets;

namespace Vigil.Client;

/// <summary>Local access to a daemon's admin socket (<c>admin.sock</c> in the key directory): diagnostics and sessions.</summary>
public sealed class AdminClient : IDisposable
{
    /// <summary>File name of the daemon's admin socket inside its key directory.</summary>
    public const string SocketName = "admin.sock";

    private readonly HttpClient _http;

    public AdminClient(string socketPath)
    {
        SocketPath = socketPath;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        _http = new HttpClient(handler) { BaseAddress = new Uri("http://localhost/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public string SocketPath { get; }

    /// <summary>The diagnostics document (reference §8.2 shape).</summary>
    public Task<string> DiagnosticsJsonAsync(CancellationToken cancellationToken = default) => GetAsync("admin/diagnostics", cancellationToken);

    /// <summary><c>{"ok":true,"active_servers":[...]}</c>.</summary>
    public Task<string> SessionsJsonAsync(CancellationToken cancellationToken = default) => GetAsync("admin/sessions", cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task<string> GetAsync(string path, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await _http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }
}
