using System.Collections.Concurrent;
using Vigil.Exec.Audit;
using Vigil.Exec.Diagnostics;
using Vigil.Exec.Identity;
using Vigil.Exec.Policy;
using Vigil.Exec.Runner;

namespace Vigil.Exec.Sessions;

/// <summary>
/// The daemon's exec core, independent of the transport. Handles one signed request in the strict order of
/// design exec.md and reference x0x §6.2: verify (signature, binding, target, skew, replay) → policy →
/// concurrency slot → durable <c>request</c> audit → spawn → stream → audit exit. Every denial is counted and
/// made durable before it is answered. Sessions are keyed by (agent, machine, request id).
/// </summary>
public sealed class ExecService
{
    private volatile ExecPolicy _policy;
    private readonly RequestVerifier _verifier;
    private readonly AuditGate? _audit;
    private readonly ExecDiagnostics _diagnostics;
    private readonly SlotLimiter _slots;
    private readonly RunTimings _timings;
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxSkew;
    private readonly ConcurrentDictionary<SessionKey, ActiveSession> _sessions = new();
    private readonly ConcurrentDictionary<Task, byte> _handlers = new();
    private readonly ReplayCache _controlReplays = new(new RequestVerifierOptions().ReplayCacheCapacity);
    private readonly StrangerDenialBudget _strangerDenials;
    private readonly Lock _shutdownGate = new();
    private volatile bool _shuttingDown;

    /// <summary>Builds the service; <paramref name="audit"/> is null only when exec is disabled (nothing is audited then).</summary>
    public ExecService(
        MachineId self,
        ExecPolicy policy,
        RequestVerifier verifier,
        IAuditSink? audit,
        ExecDiagnostics diagnostics,
        TimeProvider time,
        RunTimings? timings = null,
        TimeSpan? maxSkew = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(verifier);
        ArgumentNullException.ThrowIfNull(diagnostics);
        Self = self;
        _policy = policy;
        _verifier = verifier;
        _diagnostics = diagnostics;
        _time = time;
        _timings = timings ?? RunTimings.Default;
        _maxSkew = maxSkew ?? TimeSpan.FromSeconds(60);
        _strangerDenials = new StrangerDenialBudget(time);
        _slots = new SlotLimiter(policy.Caps.MaxConcurrentTotal, policy.Caps.MaxConcurrentPerAgent);
        _audit = audit is null || !policy.Enabled ? null : new AuditGate(audit, policy.AuditFailure, diagnostics);
    }

    /// <summary>This daemon's MachineId (the only valid request target).</summary>
    public MachineId Self { get; }

    public ExecPolicy Policy => _policy;

    /// <summary>Gets one entry per answered request (decision and exit), or nothing when null. Set it before serving.</summary>
    public IExecJournal? Journal { get; set; }

    /// <summary>
    /// Puts <paramref name="next"/> in force for every request that arrives from now on; sessions already admitted
    /// finish under the policy they started with. Returns null, or why the policy cannot be swapped in a running
    /// daemon (exec switched on or off, another audit log or audit_failure, other concurrency caps): the current
    /// policy then stays in force.
    /// </summary>
    public string? ReplacePolicy(ExecPolicy next)
    {
        ArgumentNullException.ThrowIfNull(next);
        ExecPolicy current = _policy;
        string? refusal = next.Enabled != current.Enabled ? "enabling or disabling exec needs a restart"
            : next.Enabled && next.AuditLogPath != current.AuditLogPath ? "a different audit_log_path needs a restart"
            : next.Enabled && next.AuditFailure != current.AuditFailure ? "a different audit_failure needs a restart"
            : next.Caps.MaxConcurrentTotal != current.Caps.MaxConcurrentTotal || next.Caps.MaxConcurrentPerAgent != current.Caps.MaxConcurrentPerAgent
                ? "different max_concurrent_* limits need a restart"
            : next.Caps.MaxStdinBytes > current.Caps.MaxStdinBytes ? "a larger max_stdin_bytes needs a restart"
            : null;
        if (refusal is null)
        {
            _policy = next;
        }

        return refusal;
    }

    /// <summary>The concurrency slots (exposed so tests and diagnostics can see that every path released its slot).</summary>
    public SlotLimiter Slots => _slots;

    public int ActiveSessionCount => _sessions.Count;

    /// <summary>
    /// Handles one request end to end, sending frames to <paramref name="sink"/>; Exit is always the last frame.
    /// <paramref name="streamGone"/> fires when the caller's stream ends or resets: the session is cancelled.
    /// Returns null (nothing sent) only when the daemon is shutting down before the request was admitted.
    /// </summary>
    public Task<SessionExit?> RunAsync(SignedRequest signed, MachineId tlsCaller, ISessionSink sink, CancellationToken streamGone)
    {
        ArgumentNullException.ThrowIfNull(signed);
        ArgumentNullException.ThrowIfNull(sink);
        Task<SessionExit?> task;
        lock (_shutdownGate)
        {
            if (_shuttingDown)
            {
                return Task.FromResult<SessionExit?>(null);
            }

            task = HandleAndJournalAsync(signed, tlsCaller, sink, streamGone);
            _handlers.TryAdd(task, 0);
        }

        _ = task.ContinueWith(t => _handlers.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return task;
    }

    private async Task<SessionExit?> HandleAndJournalAsync(SignedRequest signed, MachineId tlsCaller, ISessionSink sink, CancellationToken streamGone)
    {
        SessionExit? exit = await HandleAsync(signed, tlsCaller, sink, streamGone).ConfigureAwait(false);
        if (exit is not null)
        {
            Journal?.Record(new ExecJournalEntry(signed.ClaimedAgentId, tlsCaller, signed.Request.Argv, exit));
        }

        return exit;
    }

    /// <summary>Cancels the caller's own session; false when no such session (or it belongs to someone else).</summary>
    public bool Cancel(AgentId agent, MachineId machine, RequestId requestId)
    {
        if (!_sessions.TryGetValue(new SessionKey(agent, machine, requestId), out ActiveSession? session) || session.Run is null)
        {
            return false;
        }

        session.Run.Cancel(CancelReason.ExplicitCancel);
        return true;
    }

    /// <summary>A first frame that could not be decoded: counted as a <c>malformed_frame</c> denial, never audited (reference §6.8).</summary>
    public void RecordMalformed() => _diagnostics.RecordRequestDenied(DenialReason.MalformedFrame);

    /// <summary>Running sessions, oldest first.</summary>
    public IReadOnlyList<SessionInfo> Sessions()
    {
        long now = _time.GetTimestamp();
        return _sessions.Values
            .OrderBy(s => s.StartedTimestamp)
            .ThenBy(s => s.Key.RequestId.ToString(), StringComparer.Ordinal)
            .Select(s => new SessionInfo(
                s.Key.RequestId,
                s.Key.Agent,
                s.Key.Machine,
                s.ArgvSummary,
                (long)_time.GetElapsedTime(s.StartedTimestamp, now).TotalMilliseconds,
                s.Run?.Pid ?? 0))
            .ToArray();
    }

    /// <summary>The reference §8.2 snapshot: counters, live occupancy and the safe ACL summary.</summary>
    public DiagnosticsSnapshot Diagnostics()
    {
        var perAgent = new Dictionary<AgentId, int>();
        foreach (KeyValuePair<string, int> pair in _slots.Snapshot())
        {
            perAgent[AgentId.Parse(pair.Key)] = pair.Value;
        }

        return _diagnostics.Snapshot(_slots.Total, perAgent, _policy.Summary);
    }

    /// <summary>Whether this verified pair may read Sessions and Diagnostics remotely (<c>diagnostics = true</c>).</summary>
    public bool AllowsDiagnostics(AgentId agent, MachineId machine) => _policy.AllowsDiagnostics(agent.ToString(), machine.ToString());

    /// <summary>Checks a control-call proof against this daemon and the caller's TLS MachineId.</summary>
    public AgentId? VerifyControl(ControlProof proof, MachineId tlsCaller)
    {
        ArgumentNullException.ThrowIfNull(proof);
        long now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        if (proof.Verify(Self, tlsCaller, now, _maxSkew) is not { } agent)
        {
            return null;
        }

        // A proof has no request id of its own (queries carry zeros, a cancel names someone's session), so it is
        // remembered by its signature: ML-DSA signatures are hedged and strongly unforgeable, so a second proof
        // for the same call differs, while a captured one replayed within the skew window is refused.
        long freshUntil = (long)proof.IssuedAtUnixMs + (long)_maxSkew.TotalMilliseconds;
        if (_controlReplays.TryRecord(agent, ControlProofKey(proof), freshUntil, now) != ReplayCheck.Fresh)
        {
            _diagnostics.RecordRequestDenied(DenialReason.ReplayedRequest);
            return null;
        }

        return agent;
    }

    private static RequestId ControlProofKey(ControlProof proof)
    {
        Span<byte> digest = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(proof.Signature.Span, digest);
        return RequestId.FromBytes(digest[..RequestId.ByteLength]);
    }

    /// <summary>
    /// Orderly shutdown (reference x0x §6.9, idempotent): stop admitting requests, cancel every running session
    /// with SIGTERM+SIGKILL to its group at once, and wait for the handlers to audit their exits.
    /// </summary>
    public async Task ShutdownAsync(TimeSpan budget)
    {
        lock (_shutdownGate)
        {
            _shuttingDown = true;
            foreach (ActiveSession session in _sessions.Values)
            {
                session.Run?.Cancel(CancelReason.Shutdown);
            }
        }

        Task all = Task.WhenAll(_handlers.Keys);
        await Task.WhenAny(all, Task.Delay(budget)).ConfigureAwait(false);
    }

    private async Task<SessionExit?> HandleAsync(SignedRequest signed, MachineId tlsCaller, ISessionSink sink, CancellationToken streamGone)
    {
        await Task.Yield();
        ExecRequest request = signed.Request;
        _diagnostics.RecordRequestReceived();

        // Only a pair the ACL names can ever be allowed; any other is denied by the policy below, replayed or not.
        // One policy for the whole request, even if a reload swaps it meanwhile.
        ExecPolicy policy = _policy;
        bool mayBeAllowed = policy.NamesPair(signed.ClaimedAgentId.ToString(), tlsCaller.ToString());
        RequestVerification verification = _verifier.Verify(signed, tlsCaller, rememberId: mayBeAllowed);
        if (!verification.IsVerified)
        {
            return mayBeAllowed
                ? await DenyAsync(signed.ClaimedAgentId, tlsCaller, request, verification.Denial!.Value, sink).ConfigureAwait(false)
                : await DenyStrangerAsync(signed.ClaimedAgentId, tlsCaller, request, verification.Denial!.Value, sink).ConfigureAwait(false);
        }

        AgentId agent = verification.Agent;
        PolicyDecision decision = policy.Evaluate(
            agent.ToString(),
            tlsCaller.ToString(),
            new PolicyRequest(request.Argv, request.Stdin.Length, request.TimeoutMs, request.CwdPresent));
        if (!decision.IsAllowed)
        {
            return mayBeAllowed
                ? await DenyAsync(agent, tlsCaller, request, decision.Denial.Value, sink).ConfigureAwait(false)
                : await DenyStrangerAsync(agent, tlsCaller, request, decision.Denial.Value, sink).ConfigureAwait(false);
        }

        EffectiveCaps caps = decision.Caps;
        if (!_slots.TryAcquire(agent.ToString(), out SlotLimiter.SlotLease? slot))
        {
            return await DenyAsync(agent, tlsCaller, request, DenialReason.ConcurrencyLimitReached, sink).ConfigureAwait(false);
        }

        using (slot)
        {
            var key = new SessionKey(agent, tlsCaller, request.RequestId);
            var session = new ActiveSession(key, ArgvSummary.Create(request.Argv), _time.GetTimestamp());
            if (!_sessions.TryAdd(key, session))
            {
                // The replay cache already refuses a repeated id; this keeps a late duplicate from touching the live one.
                return await DenyAsync(agent, tlsCaller, request, DenialReason.ReplayedRequest, sink, slot!.Dispose).ConfigureAwait(false);
            }

            // Runs once the outcome is audited and before Exit is sent: a caller at its limit that sends its next
            // request the moment it sees Exit must find the slot (and the session entry) already gone.
            void Release()
            {
                _sessions.TryRemove(new KeyValuePair<SessionKey, ActiveSession>(key, session));
                slot!.Dispose();
            }

            try
            {
                return await RunAdmittedAsync(session, request, caps, sink, streamGone, Release).ConfigureAwait(false);
            }
            finally
            {
                Release();
            }
        }
    }

    private async Task<SessionExit> RunAdmittedAsync(ActiveSession session, ExecRequest request, EffectiveCaps caps, ISessionSink sink, CancellationToken streamGone, Action release)
    {
        SessionKey key = session.Key;
        if (_audit is not null)
        {
            AuditGateDecision gate = await _audit.RecordGatingAsync(new AuditRequestEvent(
                key.RequestId, key.Agent, key.Machine, request.Argv, caps.Description, request.Stdin.Length, request.TimeoutMs)).ConfigureAwait(false);
            if (!gate.MayProceed)
            {
                // Never counted as allowed: audit_unavailable is a denial only (issue 14 item 9).
                return await DenyAsync(key.Agent, key.Machine, request, gate.Denial!.Value, sink, release).ConfigureAwait(false);
            }
        }

        // Spawn failures still count in both (reference §8.1); only a request that reaches the spawn is allowed.
        _diagnostics.RecordRequestAllowed();

        var limits = new RunLimits(
            caps.MaxStdoutBytes,
            caps.MaxStderrBytes,
            caps.WarnStdoutBytes,
            caps.WarnStderrBytes,
            TimeSpan.FromSeconds(Math.Max(caps.DurationCapSecs, 1)),
            TimeSpan.FromSeconds(caps.WarnDurationSecs));
        StartOutcome start;
        if (_shuttingDown)
        {
            // Admitted but not spawned: nothing ran; answer with a denial so the caller is not left hanging.
            start = new StartOutcome(null, DenialReason.SpawnFailed, "daemon shutting down");
        }
        else
        {
            // Spawn (and any digest check) outside the lock; a shutdown that began meanwhile is applied below.
            start = CommandRun.Start(new RunRequest(request.Argv, request.Stdin, caps.DefaultCwd, caps.ExpectedSha256, limits), _timings);
            if (start.Run is { } spawned)
            {
                lock (_shutdownGate)
                {
                    session.Run = spawned;
                    if (_shuttingDown)
                    {
                        spawned.Cancel(CancelReason.Shutdown);
                    }
                }
            }
        }

        if (start.Run is not { } run)
        {
            return await DenyAsync(key.Agent, key.Machine, request, start.Denial!.Value, sink, release).ConfigureAwait(false);
        }

        bool callerGone = false;
        var pendingAudit = new List<Task<bool>>();
        using CancellationTokenRegistration onGone = streamGone.Register(() => run.Cancel(CancelReason.PeerDisconnected));
        // A caller that stops reading must not hold its slot forever: sends give up a while after the session
        // could possibly have ended (duration cap + grace), which cancels the session like a disconnect.
        using var sendDeadline = CancellationTokenSource.CreateLinkedTokenSource(streamGone);
        sendDeadline.CancelAfter(limits.Duration + _timings.CancelGrace + _timings.CancelGrace + TimeSpan.FromSeconds(30));
        try
        {
            await ForwardEventsAsync().ConfigureAwait(false);
        }
        catch
        {
            // Never leave a process group behind, whatever failed here.
            run.Cancel(CancelReason.Shutdown);
            throw;
        }

        async Task ForwardEventsAsync()
        {
            await foreach (RunEvent e in run.Events.ReadAllAsync().ConfigureAwait(false))
            {
                switch (e)
                {
                    case RunStarted started:
                        _diagnostics.RecordSessionStarted();
                        if (_audit is not null)
                        {
                            // The spawn already happened: the event is queued in order and made durable (group
                            // commit) before the exit event, without holding up the output.
                            pendingAudit.Add(_audit.RecordAsync(new AuditStartedEvent(key.RequestId, started.Pid)).AsTask());
                        }

                        break;
                    case RunWarning warning:
                        _diagnostics.RecordWarning(warning.Kind, key.Agent, key.RequestId, request.Argv, warning.Bytes);
                        if (warning.Kind is WarningKind.StdoutCapHit or WarningKind.StderrCapHit)
                        {
                            _diagnostics.RecordCapBreach(warning.Kind == WarningKind.StdoutCapHit ? StdStream.Stdout : StdStream.Stderr);
                        }

                        if (_audit is not null)
                        {
                            pendingAudit.Add(_audit.RecordAsync(new AuditWarningEvent(key.RequestId, warning.Kind, warning.Bytes)).AsTask());
                        }

                        break;
                }

                if (!callerGone)
                {
                    try
                    {
                        await sink.SendAsync(e, sendDeadline.Token).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
                    {
                        callerGone = true;
                        run.Cancel(CancelReason.PeerDisconnected);
                    }
                }
            }
        }

        RunResult result = await run.Completion.ConfigureAwait(false);
        _diagnostics.RecordSessionCompleted();
        if (result.Cancelled is not null)
        {
            _diagnostics.RecordSessionCancelled();
        }

        await Task.WhenAll(pendingAudit).ConfigureAwait(false);
        if (_audit is not null)
        {
            await _audit.RecordAsync(new AuditExitEvent(
                key.RequestId, result.Code, result.Signal, result.DurationMs, result.StdoutBytesTotal, result.StderrBytesTotal, result.Truncated)).ConfigureAwait(false);
        }

        SessionExit exit = SessionExit.FromResult(key.RequestId, result);
        release();
        if (!callerGone)
        {
            await TrySendExitAsync(sink, exit, sendDeadline.Token).ConfigureAwait(false);
        }

        return exit;
    }

    private Task<SessionExit> DenyAsync(AgentId agent, MachineId machine, ExecRequest request, DenialReason reason, ISessionSink sink, Action? release = null) =>
        AnswerDenialAsync(new AuditDenialEvent(request.RequestId, agent, machine, request.Argv, reason), sink, release);

    /// <summary>
    /// A denial of a caller whose pair the ACL does not name (issue 14 item 4): its argv is audited as a bounded
    /// summary, and only within the stranger budget; over it the denial is answered and counted but not written.
    /// </summary>
    private Task<SessionExit> DenyStrangerAsync(AgentId agent, MachineId machine, ExecRequest request, DenialReason reason, ISessionSink sink)
    {
        if (!_strangerDenials.TryAdmit(machine.ToString(), out long suppressed))
        {
            return AnswerDenialAsync(new AuditDenialEvent(request.RequestId, agent, machine, [], reason), sink, release: null, audited: false);
        }

        var denial = new AuditDenialEvent(request.RequestId, agent, machine, request.Argv, reason)
        {
            Summary = DeniedArgv.Summarise(request.Argv),
            SuppressedBefore = suppressed,
        };
        return AnswerDenialAsync(denial, sink, release: null);
    }

    private async Task<SessionExit> AnswerDenialAsync(AuditDenialEvent denial, ISessionSink sink, Action? release, bool audited = true)
    {
        DenialReason reason = denial.Reason;
        _diagnostics.RecordRequestDenied(reason);
        if (_audit is not null && audited)
        {
            // Made durable before the answer; if even that fails the request is still refused (and counted).
            await _audit.RecordGatingAsync(denial).ConfigureAwait(false);
        }

        SessionExit exit = SessionExit.Denied(denial.RequestId, reason);
        release?.Invoke();
        using var sendDeadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await TrySendExitAsync(sink, exit, sendDeadline.Token).ConfigureAwait(false);
        return exit;
    }

    private static async Task TrySendExitAsync(ISessionSink sink, SessionExit exit, CancellationToken cancellationToken)
    {
        try
        {
            await sink.SendExitAsync(exit, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
        {
            // The caller is gone; the outcome is already audited and counted.
        }
    }

    private readonly record struct SessionKey(AgentId Agent, MachineId Machine, RequestId RequestId);

    private sealed class ActiveSession(SessionKey key, string argvSummary, long startedTimestamp)
    {
        public SessionKey Key { get; } = key;

        public string ArgvSummary { get; } = argvSummary;

        public long StartedTimestamp { get; } = startedTimestamp;

        public volatile CommandRun? Run;
    }
}
