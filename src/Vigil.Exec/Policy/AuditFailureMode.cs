namespace Vigil.Exec.Policy;

/// <summary>What happens to a request whose <c>request</c> audit event cannot be made durable (<c>[exec] audit_failure</c>).</summary>
public enum AuditFailureMode
{
    /// <summary>Default: deny <c>audit_unavailable</c>, never spawn. Vigil fails closed where the reference fails open.</summary>
    Deny,

    /// <summary>Run anyway and count the failure (the reference's behaviour).</summary>
    Continue,
}
