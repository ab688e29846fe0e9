namespace Vigil.Exec.Identity;

/// <summary>
/// Remembers (AgentId, request id) pairs until the request could no longer pass the freshness check, so a
/// captured request cannot be replayed while it is still fresh. Bounded and thread-safe.
/// </summary>
/// <remarks>
/// When the cache is full of unexpired entries it fails closed: the new request is reported as not fresh,
/// because its uniqueness can no longer be proven. The bound only matters under a flood of verified requests.
/// </remarks>
internal sealed class ReplayCache
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(AgentId Agent, RequestId Id), long> _expiries = [];
    private readonly PriorityQueue<(AgentId Agent, RequestId Id), long> _byExpiry = new();
    private readonly int _capacity;

    public ReplayCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _expiries.Count;
            }
        }
    }

    /// <summary>
    /// Records the pair unless it is already remembered. <paramref name="expiresAtUnixMs"/> is the last instant
    /// the request is still fresh; entries are dropped once <paramref name="nowUnixMs"/> passes it.
    /// </summary>
    public ReplayCheck TryRecord(AgentId agent, RequestId id, long expiresAtUnixMs, long nowUnixMs)
    {
        lock (_gate)
        {
            Purge(nowUnixMs);
            if (_expiries.ContainsKey((agent, id)))
            {
                return ReplayCheck.Replayed;
            }

            if (_expiries.Count >= _capacity)
            {
                return ReplayCheck.Full;
            }

            _expiries.Add((agent, id), expiresAtUnixMs);
            _byExpiry.Enqueue((agent, id), expiresAtUnixMs);
            return ReplayCheck.Fresh;
        }
    }

    private void Purge(long nowUnixMs)
    {
        while (_byExpiry.TryPeek(out var key, out long expiresAt) && expiresAt < nowUnixMs)
        {
            _byExpiry.Dequeue();
            _expiries.Remove(key);
        }
    }
}

/// <summary>Outcome of <see cref="ReplayCache.TryRecord"/>.</summary>
internal enum ReplayCheck
{
    Fresh,
    Replayed,
    Full,
}
