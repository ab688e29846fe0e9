namespace Vigil.Exec.Identity;

/// <summary>
/// A key directory problem a user can fix (missing, unreadable, corrupt or too-permissive key file,
/// refusal to overwrite). The message is one line naming the file.
/// </summary>
public sealed class KeyFileException : Exception
{
    internal KeyFileException(string message)
        : base(message)
    {
    }

    internal KeyFileException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
