namespace Vigil.Formats;

/// <summary>How the parser for an input was chosen.</summary>
public enum FormatResolution
{
    /// <summary><c>--input-format ID</c>.</summary>
    Forced,

    /// <summary>The source's extension named a parser and it parsed the input.</summary>
    Extension,

    /// <summary>Content sniffing chose the parser (possibly after the extension's parser failed).</summary>
    Sniff,
}
