namespace Vigil.Detection.Configuration;

/// <summary>
/// An invalid configuration. <see cref="Exception.Message"/> is the text that follows <c>invalid configuration: </c>
/// in the user-facing error (reference §1.10).
/// </summary>
public sealed class ConfigException : Exception
{
    public ConfigException(string message)
        : base(message)
    {
    }

    public ConfigException()
    {
    }

    public ConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
