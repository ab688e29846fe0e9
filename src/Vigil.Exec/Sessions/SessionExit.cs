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
