namespace Vigil.Cli.Scan;

/// <summary>A user-facing scan-side error; <see cref="Exception.Message"/> is the text after <c>vigil: error: </c>.</summary>
internal sealed class CliError : Exception
{
    public CliError(string message)
        : base(message)
    {
    }

    /// <summary><c>invalid configuration: …</c> (reference §1.10 Config).</summary>
    public static CliError Config(string message) => new("invalid configuration: " + message);
}
