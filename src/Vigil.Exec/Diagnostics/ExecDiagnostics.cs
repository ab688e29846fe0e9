using Vigil.Exec.Identity;
using Vigil.Exec.Policy;

namespace Vigil.Exec.Diagnostics;

/// <summary>
/// In-memory exec counters (reference §8.1 plus Vigil's <c>audit_failures</c> and <c>replays_rejected</c>).
/// Every method is thread-safe; counters reset on restart.
/// </summary>
public sealed class ExecDiagnostics
{
    /// <summary>Size of the recent-warnings ring; the oldest entry is evicted first.</summary>
    public const int RecentWarningCapacity = 64;

    private readonly TimeProvider _time;
    private readonly long[] _denials = new long[DenialReasons.All.Count];
    private readonly long[] _capWarnings = new long[WarningKinds.All.Count];
    private readonly Queue<RecentWarning> _recent = new(RecentWarningCapacity);
    private readonly Lock _recentGate = new();

    private long _requestsReceived;
    private long _requestsAllowed;
    private long _requestsDenied;
    private long _sessionsStarted;
    private long _sessionsCompleted;
    private long _sessionsCancelled;
    private long _auditWriteFailures;
    private long _auditFailures;
    private long _replaysRejected;
    private long _stdoutCapBreaches;
    private long _stderrCapBreaches;

    public ExecDiagnostics(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    /// <summary>A request arrived (once per request, whatever happens to it).</summary>
    public void RecordRequestReceived() => Interlocked.Increment(ref _requestsReceived);

    /// <summary>A request got its slot and is about to spawn (spawn failures included).</summary>
    public void RecordRequestAllowed() => Interlocked.Increment(ref _requestsAllowed);

    /// <summary>A request was denied; a <see cref="DenialReason.ReplayedRequest"/> also counts in <c>replays_rejected</c>.</summary>
    public void RecordRequestDenied(DenialReason reason)
    {
        Interlocked.Increment(ref _requestsDenied);
        Interlocked.Increment(ref _denials[(int)reason]);
        if (reason == DenialReason.ReplayedRequest)
        {
            Interlocked.Increment(ref _replaysRejected);
        }
    }

    public void RecordSessionStarted() => Interlocked.Increment(ref _sessionsStarted);

    public void RecordSessionCompleted() => Interlocked.Increment(ref _sessionsCompleted);

    /// <summary>Lease expiry or any cancel (explicit, disconnect, idle, shutdown); not the duration cap.</summary>
    public void RecordSessionCancelled() => Interlocked.Increment(ref _sessionsCancelled);

    /// <summary>Any audit event that could not be made durable.</summary>
    public void RecordAuditWriteFailure() => Interlocked.Increment(ref _auditWriteFailures);

    /// <summary>A request whose gating audit event (request or denial) could not be made durable.</summary>
    public void RecordAuditFailure() => Interlocked.Increment(ref _auditFailures);

    public void RecordCapBreach(StdStream stream)
    {
        if (stream == StdStream.Stdout)
        {
            Interlocked.Increment(ref _stdoutCapBreaches);
        }
        else
        {
            Interlocked.Increment(ref _stderrCapBreaches);
        }
    }

    /// <summary>Counts a warning in <c>cap_warnings</c> and remembers it in the recent-warnings ring.</summary>
    public void RecordWarning(WarningKind kind, AgentId agent, RequestId requestId, IReadOnlyList<string> argv, long? bytesAtWarn)
    {
        Interlocked.Increment(ref _capWarnings[(int)kind]);
        var entry = new RecentWarning(
            _time.GetUtcNow().ToUnixTimeMilliseconds(), kind, agent, requestId, ArgvSummary.Create(argv), bytesAtWarn);
        lock (_recentGate)
        {
            if (_recent.Count == RecentWarningCapacity)
            {
                _recent.Dequeue();
            }

            _recent.Enqueue(entry);
        }
    }

    /// <summary>
    /// Reads every counter. Session occupancy and the ACL summary belong to their owners and are passed in.
    /// </summary>
    public DiagnosticsSnapshot Snapshot(int activeSessions, IReadOnlyDictionary<AgentId, int> activePerAgent, AclSummary acl)
    {
        ArgumentNullException.ThrowIfNull(activePerAgent);
        ArgumentNullException.ThrowIfNull(acl);
        RecentWarning[] recent;
        lock (_recentGate)
        {
            recent = [.. _recent];
        }

        var totals = new DiagnosticsTotals(
            Interlocked.Read(ref _requestsReceived),
            Interlocked.Read(ref _requestsAllowed),
            Interlocked.Read(ref _requestsDenied),
            Interlocked.Read(ref _sessionsStarted),
            Interlocked.Read(ref _sessionsCompleted),
            Interlocked.Read(ref _sessionsCancelled),
            Interlocked.Read(ref _auditWriteFailures),
            Interlocked.Read(ref _auditFailures),
            Interlocked.Read(ref _replaysRejected),
            ReadAll(_denials),
            Interlocked.Read(ref _stdoutCapBreaches),
            Interlocked.Read(ref _stderrCapBreaches),
            ReadAll(_capWarnings));

        KeyValuePair<AgentId, int>[] perAgent =
            [.. activePerAgent.OrderBy(pair => pair.Key.ToString(), StringComparer.Ordinal)];
        return new DiagnosticsSnapshot(activeSessions, perAgent, totals, recent, acl);
    }

    private static long[] ReadAll(long[] counters)
    {
        long[] copy = new long[counters.Length];
        for (int i = 0; i < counters.Length; i++)
        {
            copy[i] = Interlocked.Read(ref counters[i]);
        }

        return copy;
    }
}
