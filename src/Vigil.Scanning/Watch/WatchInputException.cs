namespace Vigil.Scanning.Watch;

/// <summary>An input the watch cannot start on (no such column, unreadable file); the message is one line.</summary>
internal sealed class WatchInputException : Exception
{
    public WatchInputException(string message)
        : base(message)
    {
    }
}
