namespace Vigil.Formats.Input;

/// <summary>An input could not be read; the message is the contract's one line (<c>io error: PATH: …</c>).</summary>
public sealed class InputException : Exception
{
    public InputException(string message)
        : base(message)
    {
    }

    public InputException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
