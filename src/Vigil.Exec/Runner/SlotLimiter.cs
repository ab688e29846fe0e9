namespace Vigil.Exec.Runner;

/// <summary>
/// Concurrency slots per agent and in total (reference x0x §6.2 step 7). A slot is a lease that releases
/// exactly once when disposed, so every path (denial after acquisition, spawn failure, cancel, shutdown,
/// exception) gives it back (reference quirk 2 fixed).
/// </summary>
public sealed class SlotLimiter
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _perAgent = new(StringComparer.Ordinal);
    private int _total;

    public SlotLimiter(int maxTotal, int maxPerAgent)
    {
        MaxTotal = maxTotal;
        MaxPerAgent = maxPerAgent;
    }

    public int MaxTotal { get; }

    public int MaxPerAgent { get; }

    public int Total
    {
        get
        {
            lock (_gate)
            {
                return _total;
            }
        }
    }

    public int CountFor(string agentId)
    {
        lock (_gate)
        {
            return _perAgent.GetValueOrDefault(agentId);
        }
    }

    /// <summary>Active slots per agent, ordinal order, only agents holding at least one.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> Snapshot()
    {
        lock (_gate)
        {
            return _perAgent.OrderBy(p => p.Key, StringComparer.Ordinal).ToArray();
        }
    }

    /// <summary>Takes a slot unless the total or the agent's count is already at its cap.</summary>
    public bool TryAcquire(string agentId, out SlotLease? lease)
    {
        lock (_gate)
        {
            int mine = _perAgent.GetValueOrDefault(agentId);
            if (_total >= MaxTotal || mine >= MaxPerAgent)
            {
                lease = null;
                return false;
            }

            _total++;
            _perAgent[agentId] = mine + 1;
        }

        lease = new SlotLease(this, agentId);
        return true;
    }

    private void Release(string agentId)
    {
        lock (_gate)
        {
            if (!_perAgent.TryGetValue(agentId, out int mine) || mine <= 0)
            {
                return;
            }

            _total--;
            if (mine == 1)
            {
                _perAgent.Remove(agentId);
            }
            else
            {
                _perAgent[agentId] = mine - 1;
            }
        }
    }

    /// <summary>One held slot; disposing releases it once.</summary>
    public sealed class SlotLease : IDisposable
    {
        private readonly SlotLimiter _owner;
        private readonly string _agentId;
        private int _released;

        internal SlotLease(SlotLimiter owner, string agentId)
        {
            _owner = owner;
            _agentId = agentId;
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                _owner.Release(_agentId);
            }
        }
    }
}
