namespace Vigil.Formats;

/// <summary>No parser recognises the input (reference <c>UnknownFormat</c>); the CLI prints the message as is.</summary>
public sealed class UnknownFormatException : Exception
{
    public UnknownFormatException(string source)
        : base($"unsupported or unrecognized input format: {source}")
    {
        InputSource = source;
    }

    /// <summary>The input source as given (a path, or <c>-</c> for stdin).</summary>
    public string InputSource { get; }
}

/// <summary><c>--input-format</c> named an id no parser has.</summary>
public sealed class UnknownFormatIdException : Exception
{
    public UnknownFormatIdException(string id)
        : base($"unknown format id '{id}'")
    {
        Id = id;
    }

    public string Id { get; }
}
