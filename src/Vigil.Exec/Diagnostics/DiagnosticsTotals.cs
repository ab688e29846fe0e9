namespace Vigil.Exec.Diagnostics;

/// <summary>
/// The counters of a <see cref="DiagnosticsSnapshot"/>. <c>DenialCounts</c> is indexed by <see cref="DenialReason"/>
/// and <c>CapWarningCounts</c> by <see cref="WarningKind"/>, with zeros for what never occurred.
/// </summary>
public sealed record DiagnosticsTotals(
    long RequestsReceived,
    long RequestsAllowed,
    long RequestsDenied,
    long SessionsStarted,
    long SessionsCompleted,
    long SessionsCancelled,
    long AuditWriteFailures,
    long AuditFailures,
    long ReplaysRejected,
    IReadOnlyList<long> DenialCounts,
    long StdoutCapBreaches,
    long StderrCapBreaches,
    IReadOnlyList<long> CapWarningCounts)
{
    public long Denials(DenialReason reason) => DenialCounts[(int)reason];

    public long CapWarnings(WarningKind kind) => CapWarningCounts[(int)kind];
}
