using Vigil.Exec.Diagnostics;
using Vigil.Exec.Policy;

namespace Vigil.Exec.Audit;

/// <summary>
/// Applies the <c>audit_failure</c> rule around an <see cref="IAuditSink"/> and keeps the diagnostics
/// counters honest: a step recorded by a gating event (<c>request</c> before spawn, <c>denial</c> before
/// answering) proceeds only once its event is durable, unless the mode is <c>continue</c>.
/// </summary>
public sealed class AuditGate
{
    private readonly IAuditSink _sink;
    private readonly AuditFailureMode _mode;
    private readonly ExecDiagnostics _diagnostics;

    public AuditGate(IAuditSink sink, AuditFailureMode mode, ExecDiagnostics diagnostics)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(diagnostics);
        _sink = sink;
        _mode = mode;
        _diagnostics = diagnostics;
    }

    /// <summary>
    /// Records an event that gates a step. On failure counts <c>audit_write_failures</c> and
    /// <c>audit_failures</c>, and under <see cref="AuditFailureMode.Deny"/> answers
    /// <see cref="DenialReason.AuditUnavailable"/>.
    /// </summary>
    public async ValueTask<AuditGateDecision> RecordGatingAsync(AuditEvent auditEvent)
    {
        if (await TryAppendAsync(auditEvent).ConfigureAwait(false))
        {
            return AuditGateDecision.Recorded;
        }

        _diagnostics.RecordAuditFailure();
        return _mode == AuditFailureMode.Deny ? AuditGateDecision.Denied : AuditGateDecision.Unaudited;
    }

    /// <summary>
    /// Records an event about a step already under way (<c>started</c>, <c>warning</c>, <c>exit</c>); a failure
    /// is counted in <c>audit_write_failures</c> and reported as false, never thrown.
    /// </summary>
    public ValueTask<bool> RecordAsync(AuditEvent auditEvent) => TryAppendAsync(auditEvent);

    private async ValueTask<bool> TryAppendAsync(AuditEvent auditEvent)
    {
        try
        {
            await _sink.AppendAsync(auditEvent).ConfigureAwait(false);
            return true;
        }
        catch (Exception)
        {
            // Any sink failure, typed or not, means "not durable": failing closed is the point of the gate.
            _diagnostics.RecordAuditWriteFailure();
            return false;
        }
    }
}
