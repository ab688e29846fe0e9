namespace Vigil.Exec.Audit;

/// <summary>
/// Another writer (another <c>vigil serve</c>, or another <see cref="AuditLog"/> in this process) holds the audit
/// log's lock: two writers would interleave appends and break the hash chain, so the second one refuses to start.
/// </summary>
public sealed class AuditLogInUseException : IOException
{
    internal AuditLogInUseException(string path, string lockPath)
        : base($"audit log {path} is in use by another vigil process (lock {lockPath})")
    {
        Path = path;
        LockPath = lockPath;
    }

    /// <summary>The audit log.</summary>
    public string Path { get; }

    /// <summary>The lock file that is held.</summary>
    public string LockPath { get; }
}
