namespace Vigil.Server.Daemon;

/// <summary>
/// Another daemon holds the key directory's <see cref="VigilDaemon.DaemonLockName"/>: it owns the admin socket
/// there, so this one refuses to start (and touches nothing).
/// </summary>
public sealed class DaemonAlreadyRunningException : IOException
{
    internal DaemonAlreadyRunningException(string keyDirectory)
        : base($"another vigil daemon is running with key directory {keyDirectory}")
    {
        KeyDirectory = keyDirectory;
    }

    /// <summary>The contended key directory.</summary>
    public string KeyDirectory { get; }
}
