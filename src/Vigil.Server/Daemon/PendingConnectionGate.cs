using Microsoft.AspNetCore.Connections;

namespace Vigil.Server.Daemon;

/// <summary>
/// Caps connections that have not finished their TLS handshake. A connection takes a place at accept and gives it
/// back once the handshake (client certificate included) has succeeded, or when it closes; when every place is
/// taken, a new connection is closed at once. Authenticated connections never count, so a flood of idle or slow
/// strangers cannot crowd out callers that already got in.
/// </summary>
internal sealed class PendingConnectionGate(int capacity)
{
    private const string PlaceKey = "vigil.pending-place";
    private int _pending;

    /// <summary>Connections currently in their handshake.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>Connection middleware placed before TLS.</summary>
    public ConnectionDelegate Admit(ConnectionDelegate next) => async connection =>
    {
        if (Interlocked.Increment(ref _pending) > capacity)
        {
            Interlocked.Decrement(ref _pending);
            connection.Abort(new ConnectionAbortedException("too many connections in their TLS handshake"));
            return;
        }

        var place = new Place(this);
        connection.Items[PlaceKey] = place;
        try
        {
            await next(connection).ConfigureAwait(false);
        }
        finally
        {
            place.Release();
        }
    };

    /// <summary>Connection middleware placed after TLS: the handshake succeeded.</summary>
    public ConnectionDelegate Authenticated(ConnectionDelegate next) => connection =>
    {
        if (connection.Items.TryGetValue(PlaceKey, out object? place) && place is Place held)
        {
            held.Release();
        }

        return next(connection);
    };

    private sealed class Place(PendingConnectionGate gate)
    {
        private int _released;

        public void Release()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                Interlocked.Decrement(ref gate._pending);
            }
        }
    }
}
