namespace Vigil.Exec.Audit;

/// <summary>Where audit events go. <see cref="AuditLog"/> is the durable implementation.</summary>
public interface IAuditSink
{
    /// <summary>Completes once the event is durable.</summary>
    /// <exception cref="AuditUnavailableException">The event could not be made durable.</exception>
    ValueTask AppendAsync(AuditEvent auditEvent);
}
