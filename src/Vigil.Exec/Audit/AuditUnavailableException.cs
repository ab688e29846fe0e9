namespace Vigil.Exec.Audit;

/// <summary>
/// An audit event could not be made durable (unwritable path, I/O or fsync error, a log whose chain cannot be
/// extended, a closed log). Under <c>audit_failure = "deny"</c> the request it records must not proceed.
/// </summary>
public sealed class AuditUnavailableException : Exception
{
    internal AuditUnavailableException(string path, string reason, Exception? inner = null)
        : base($"audit log {path}: {reason}", inner)
    {
        Path = path;
    }

    public string Path { get; }
}
