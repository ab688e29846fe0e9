namespace Vigil.Scanning;

/// <summary>
/// A user-facing scan-side error; <see cref="Exception.Message"/> is the one line after <c>vigil: error: </c>
/// (it names the input and what was expected). Every front end reports it the same way: one line, exit 2.
/// </summary>
public sealed class ScanError : Exception
{
    public ScanError(string message)
        : base(message)
    {
    }

    /// <summary><c>invalid configuration: …</c> (reference §1.10 Config).</summary>
    public static ScanError Config(string message) => new("invalid configuration: " + message);
}
