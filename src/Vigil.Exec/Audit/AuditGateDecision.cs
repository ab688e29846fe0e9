namespace Vigil.Exec.Audit;

/// <summary>What <see cref="AuditGate.RecordGatingAsync"/> decided about the step its event records.</summary>
public readonly record struct AuditGateDecision
{
    private AuditGateDecision(bool durable, DenialReason? denial)
    {
        Durable = durable;
        Denial = denial;
    }

    /// <summary>The event is on disk.</summary>
    public bool Durable { get; }

    /// <summary><see cref="DenialReason.AuditUnavailable"/> when the step must not proceed; otherwise null.</summary>
    public DenialReason? Denial { get; }

    public bool MayProceed => Denial is null;

    internal static AuditGateDecision Recorded { get; } = new(true, null);

    internal static AuditGateDecision Unaudited { get; } = new(false, null);

    internal static AuditGateDecision Denied { get; } = new(false, DenialReason.AuditUnavailable);
}
