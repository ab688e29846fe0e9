namespace Vigil.Exec.Audit;

/// <summary>The ACL's <c>audit_failure</c> setting: what happens to a request whose audit event cannot be made durable.</summary>
public enum AuditFailureMode
{
    /// <summary><c>"deny"</c> (default): the request is denied <c>audit_unavailable</c> and never spawns.</summary>
    Deny,

    /// <summary><c>"continue"</c>: the request proceeds unaudited (the reference's fail-open behaviour).</summary>
    Continue,
}
