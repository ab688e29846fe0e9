using System.Diagnostics;
using System.Threading.Channels;
using Vigil.Exec.Interop;

namespace Vigil.Exec.Runner;

/// <summary>
/// One running child and its supervision (reference x0x §6.3 to §6.5, with Vigil's process-group rule):
/// events stream through <see cref="Events"/> (Started first), <see cref="Completion"/> gives the result
/// once the child is reaped and both pipes are drained. Every signal goes to the child's process group,
/// and the group is swept with SIGKILL when the session ends, so no grandchild outlives it.
/// </summary>
public sealed class CommandRun
{
    private readonly ChildProcess _child;
    private readonly OutputPump _stdout;
    private readonly OutputPump _stderr;
    private readonly RunLimits _limits;
    private readonly RunTimings _timings;
    private readonly Channel<RunEvent> _events = Channel.CreateUnbounded<RunEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource<CancelReason> _cancel = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Stopwatch _clock;
    private readonly SessionCgroup? _cgroup;

    private CommandRun(ChildProcess child, RunLimits limits, RunTimings timings, Stopwatch clock, SessionCgroup? cgroup)
    {
        _child = child;
        _cgroup = cgroup;
        _limits = limits;
        _timings = timings;
        _clock = clock;
        // Output is memory-bounded by the caps (only forwarded bytes are queued), so the queue needs no
        // back-pressure and a stalled reader can never wedge the pumps or the child.
        _stdout = new OutputPump(OutputStream.Stdout, limits.MaxStdoutBytes, limits.WarnStdoutBytes, timings.TailBytes, Emit);
        _stderr = new OutputPump(OutputStream.Stderr, limits.MaxStderrBytes, limits.WarnStderrBytes, timings.TailBytes, Emit);
    }

    /// <summary>The child's pid, which is also its process group id.</summary>
    public int Pid => _child.Pid;

    /// <summary>Started, output chunks and warnings, in order; completes before <see cref="Completion"/>.</summary>
    public ChannelReader<RunEvent> Events => _events.Reader;

    /// <summary>The session result.</summary>
    public Task<RunResult> Completion { get; private set; } = null!;

    /// <summary>True once the child has been reaped (its pid must not be signalled by pid any more).</summary>
    public bool ChildExited => _child.Exited.IsCompleted;

    /// <summary>
    /// Resolves, optionally digest-checks and spawns <paramref name="request"/>. Returns a denial reason
    /// (<see cref="DenialReason.SpawnFailed"/> or <see cref="DenialReason.ExecutableDigestMismatch"/>) with a
    /// detail line instead of a run when the child cannot be started.
    /// </summary>
    public static StartOutcome Start(RunRequest request, RunTimings timings, IReadOnlyList<string>? environment = null) =>
        Start(request, timings, environment, beforeSpawn: null);

    /// <summary>As <see cref="Start(RunRequest, RunTimings, IReadOnlyList{string}?)"/>; <paramref name="beforeSpawn"/> is a
    /// test seam run between the digest check and the spawn.</summary>
    internal static StartOutcome Start(RunRequest request, RunTimings timings, IReadOnlyList<string>? environment, Action? beforeSpawn)
    {
        if (request.Argv.Count == 0)
        {
            return new StartOutcome(null, DenialReason.SpawnFailed, "empty argv");
        }

        string? executable = ExecutableResolver.Resolve(request.Argv[0], request.Cwd);
        if (executable is null)
        {
            return new StartOutcome(null, DenialReason.SpawnFailed, "executable not found on the fixed PATH: " + request.Argv[0]);
        }

        // A pinned command is opened once, hashed through that descriptor and executed by it, so a file swapped in
        // at the path after the check never runs.
        Microsoft.Win32.SafeHandles.SafeFileHandle? pinned = null;
        string spawnPath = executable;
        if (request.ExpectedSha256 is not null)
        {
            PinnedExecutable.Outcome opened = PinnedExecutable.Open(executable, request.ExpectedSha256);
            if (opened.Handle is null)
            {
                return new StartOutcome(null, DenialReason.ExecutableDigestMismatch, opened.Refusal);
            }

            pinned = opened.Handle;
            spawnPath = PinnedExecutable.DescriptorPath(pinned);
        }

        ChildProcess child;
        Stopwatch clock;
        SessionCgroup? cgroup = SessionCgroup.TryCreate();
        IReadOnlyList<string> env = environment ?? ChildEnvironment.FromDaemon();
        ChildProcess Spawn() => ChildProcess.Spawn(spawnPath, request.Argv, env, request.Cwd);
        using (pinned)
        {
            beforeSpawn?.Invoke();
            try
            {
                clock = Stopwatch.StartNew();
                ChildProcess? contained = cgroup?.SpawnInside(Spawn);
                if (contained is null && cgroup is not null)
                {
                    // The host refused the move (delegation, nested container): the process group alone contains the session.
                    _ = cgroup.KillAndRemoveAsync();
                    cgroup = null;
                }

                child = contained ?? Spawn();
            }
            catch (ChildSpawnException ex)
            {
                _ = cgroup?.KillAndRemoveAsync();
                return new StartOutcome(null, DenialReason.SpawnFailed, ex.Message);
            }
        }

        var run = new CommandRun(child, request.Limits, timings, clock, cgroup);
        run.Emit(new RunStarted(child.Pid));
        run._stdout.Start(child.StdoutFd);
        run._stderr.Start(child.StderrFd);
        ReadOnlyMemory<byte> stdin = request.Stdin;
        var writer = new Thread(() => child.WriteStdinAndClose(stdin)) { IsBackground = true, Name = "vigil-stdin" };
        writer.Start();
        run.Completion = run.SuperviseAsync();
        return new StartOutcome(run, null, null);
    }

    /// <summary>Asks the session to stop: SIGTERM to the group now, SIGKILL after the grace (at once for shutdown). First reason wins.</summary>
    public void Cancel(CancelReason reason) => _cancel.TrySetResult(reason);

    private void Emit(RunEvent e) => _events.Writer.TryWrite(e);

    /// <summary>The child's process group and, where there is one, its cgroup (which also holds setsid escapees).</summary>
    private void SignalSession(int signal)
    {
        _child.SignalGroup(signal);
        _cgroup?.Signal(signal);
    }

    private async Task<RunResult> SuperviseAsync()
    {
        TimeSpan cap = _limits.Duration;
        TimeSpan termAt = cap > _timings.TermLead ? cap - _timings.TermLead : cap;
        TimeSpan killAt = cap;
        TimeSpan warnAt = _limits.WarnDuration < cap ? _limits.WarnDuration : cap;
        bool warned = false, termSent = false, killSent = false, durationCapHit = false;
        CancelReason? reason = null;
        Task drained = Task.WhenAll(_child.Exited, _stdout.Completion, _stderr.Completion);

        while (!drained.IsCompleted)
        {
            TimeSpan now = _clock.Elapsed;
            if (reason is null && _cancel.Task.IsCompleted)
            {
                reason = _cancel.Task.Result;
                Emit(new RunWarning(
                    reason == CancelReason.PeerDisconnected ? WarningKind.PeerDisconnected : WarningKind.Cancelled,
                    "exec session cancelled; terminating remote child",
                    null));
                killAt = reason == CancelReason.Shutdown ? now : now + _timings.CancelGrace;
            }

            if (!warned && reason is null && warnAt <= now && now < termAt)
            {
                warned = true;
                Emit(new RunWarning(WarningKind.DurationApproachingCap, "duration warning threshold reached", null));
            }

            if (!termSent && (reason is not null || now >= termAt))
            {
                if (reason is null)
                {
                    durationCapHit = true;
                    Emit(new RunWarning(WarningKind.DurationApproachingCap, "duration cap reached; sent SIGTERM", null));
                }

                SignalSession(LibC.SIGTERM);
                termSent = true;
            }

            if (termSent && !killSent && now >= killAt)
            {
                SignalSession(LibC.SIGKILL);
                killSent = true;
            }

            if (killSent && _child.Exited.IsCompleted && now >= killAt + _timings.AbandonPipesAfter)
            {
                // A process that left the group (setsid) may still hold a pipe; the child itself is gone,
                // so report with the bytes counted so far rather than wait on it forever.
                break;
            }

            TimeSpan? next = null;
            if (!warned && reason is null && warnAt < termAt)
            {
                next = Min(next, warnAt);
            }

            if (!termSent)
            {
                next = Min(next, termAt);
            }
            else if (!killSent)
            {
                next = Min(next, killAt);
            }
            else
            {
                next = Min(next, killAt + _timings.AbandonPipesAfter);
            }

            var waits = new List<Task>(3) { drained };
            if (reason is null)
            {
                waits.Add(_cancel.Task);
            }

            if (killSent)
            {
                waits.Add(_child.Exited);
            }

            using var delayCancel = new CancellationTokenSource();
            if (next is { } at)
            {
                TimeSpan delay = at - _clock.Elapsed;
                waits.Add(Task.Delay(delay > TimeSpan.Zero ? delay + TimeSpan.FromMilliseconds(1) : TimeSpan.Zero, delayCancel.Token));
            }

            await Task.WhenAny(waits).ConfigureAwait(false);
            await delayCancel.CancelAsync().ConfigureAwait(false);
        }

        ChildStatus status = await _child.Exited.ConfigureAwait(false);
        long durationMs = _clock.ElapsedMilliseconds;

        // The session ends with its whole group: sweep anything left behind (ESRCH when nothing is), including
        // descendants that left the group but not the cgroup.
        _child.SignalGroup(LibC.SIGKILL);
        if (_cgroup is not null)
        {
            await _cgroup.KillAndRemoveAsync().ConfigureAwait(false);
        }

        int? code = status.Code;
        int? signal = status.Signal;
        if (killSent && signal is null)
        {
            signal = LibC.SIGKILL;
        }
        else if (termSent && signal is null && code is null)
        {
            signal = LibC.SIGTERM;
        }

        _events.Writer.TryComplete();
        return new RunResult(
            code,
            signal,
            durationMs,
            _stdout.Total,
            _stderr.Total,
            _stdout.CapHit || _stderr.CapHit,
            _stdout.TailIfDiscarded(),
            _stderr.TailIfDiscarded(),
            reason,
            durationCapHit);
    }

    private static TimeSpan Min(TimeSpan? a, TimeSpan b) => a is { } x && x < b ? x : b;
}
