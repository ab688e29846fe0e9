using Vigil.Exec.Identity;
using Vigil.Exec.Runner;

namespace Vigil.Exec.Sessions;

/// <summary>
/// The terminal frame of a session (design exec.md <c>Exit</c>). A denial has no code or signal, zero totals and
/// <see cref="Denial"/> set; the command never ran (or could not be spawned).
/// </summary>
public sealed record SessionExit(
    RequestId RequestId,
    int? Code,
    int? Signal,
    long DurationMs,
    long StdoutBytesTotal,
    long StderrBytesTotal,
    bool Truncated,
    DenialReason? Denial,
    byte[] StdoutTail,
    byte[] StderrTail)
{
    public static SessionExit Denied(RequestId requestId, DenialReason reason) =>
        new(requestId, null, null, 0, 0, 0, false, reason, [], []);

    public static SessionExit FromResult(RequestId requestId, RunResult r) =>
        new(requestId, r.Code, r.Signal, r.DurationMs, r.StdoutBytesTotal, r.StderrBytesTotal, r.Truncated, null, r.StdoutTail, r.StderrTail);
}

/// <summary>
/// Where a session's frames go (a gRPC stream, or an aggregator for REST). A failure or cancellation means the
/// caller is gone (or stopped reading for longer than the session could run) and the session is cancelled.
/// </summary>
public interface ISessionSink
{
    ValueTask SendAsync(RunEvent runEvent, CancellationToken cancellationToken);

    ValueTask SendExitAsync(SessionExit exit, CancellationToken cancellationToken);
}

/// <summary>A running session as listed by <c>Sessions</c> (reference x0x §9.3 <c>active_servers</c>).</summary>
public sealed record SessionInfo(RequestId RequestId, AgentId AgentId, MachineId MachineId, string ArgvSummary, long AgeMs, int Pid);
