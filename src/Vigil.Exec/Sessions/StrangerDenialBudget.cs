namespace Vigil.Exec.Sessions;

/// <summary>
/// How many denials of callers the ACL does not name are written to the audit log: a token bucket per peer
/// (the TLS MachineId) inside one shared bucket for all strangers. Denials over budget are still answered and
/// counted; the next audited denial of that peer carries how many were skipped. Keys cost a stranger nothing to
/// make, so the shared bucket is what really bounds the disk, and the per-peer one keeps one noisy peer from using
/// all of it. The table of peers is bounded too.
/// </summary>
internal sealed class StrangerDenialBudget
{
    public const int PeerBurst = 16;
    public const double PeerPerSecond = 1;
    public const int SharedBurst = 256;
    public const double SharedPerSecond = 32;
    public const int MaxPeers = 4096;

    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Bucket> _peers = new(StringComparer.Ordinal);
    private Bucket _shared;
    private long _untrackedSuppressed;

    public StrangerDenialBudget(TimeProvider time)
    {
        _time = time;
        _shared = new Bucket(SharedBurst, time.GetTimestamp(), 0);
    }

    /// <summary>
    /// True when this denial is to be audited; <paramref name="suppressedBefore"/> is then how many of this peer's
    /// denials (plus any that could not be attributed to a tracked peer) were skipped since its last audited one.
    /// </summary>
    public bool TryAdmit(string peer, out long suppressedBefore)
    {
        lock (_gate)
        {
            long now = _time.GetTimestamp();
            _shared = _shared.Refill(now, _time, SharedBurst, SharedPerSecond);
            Bucket bucket;
            bool tracked;
            if (_peers.TryGetValue(peer, out Bucket known))
            {
                bucket = known.Refill(now, _time, PeerBurst, PeerPerSecond);
                tracked = true;
            }
            else
            {
                // A peer that finds the table full is limited by the shared bucket alone.
                bucket = new Bucket(PeerBurst, now, 0);
                tracked = MakeRoom(now);
            }

            if (bucket.Tokens >= 1 && _shared.Tokens >= 1)
            {
                suppressedBefore = bucket.Suppressed + _untrackedSuppressed;
                _untrackedSuppressed = 0;
                _shared = _shared with { Tokens = _shared.Tokens - 1 };
                bucket = bucket with { Tokens = bucket.Tokens - 1, Suppressed = 0 };
                Store(peer, bucket, tracked);
                return true;
            }

            suppressedBefore = 0;
            if (tracked)
            {
                Store(peer, bucket with { Suppressed = bucket.Suppressed + 1 }, tracked);
            }
            else
            {
                _untrackedSuppressed++;
            }

            return false;
        }
    }

    private void Store(string peer, Bucket bucket, bool tracked)
    {
        if (tracked)
        {
            _peers[peer] = bucket;
        }
    }

    /// <summary>Drops peers whose bucket has refilled and who owe no suppressed count; false when the table is still full.</summary>
    private bool MakeRoom(long now)
    {
        if (_peers.Count < MaxPeers)
        {
            return true;
        }

        foreach (KeyValuePair<string, Bucket> pair in _peers.ToArray())
        {
            if (pair.Value.Suppressed == 0 && pair.Value.Refill(now, _time, PeerBurst, PeerPerSecond).Tokens >= PeerBurst)
            {
                _peers.Remove(pair.Key);
            }
        }

        return _peers.Count < MaxPeers;
    }

    private readonly record struct Bucket(double Tokens, long Stamp, long Suppressed)
    {
        public Bucket Refill(long now, TimeProvider time, int burst, double perSecond)
        {
            double gained = time.GetElapsedTime(Stamp, now).TotalSeconds * perSecond;
            return this with { Tokens = Math.Min(burst, Tokens + gained), Stamp = now };
        }
    }
}
