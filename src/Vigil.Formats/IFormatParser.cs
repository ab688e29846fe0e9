using Vigil.Core.Columns;

namespace Vigil.Formats;

/// <summary>
/// One input format: an id (the envelope's <c>format</c>), the extensions it claims, a deterministic content
/// sniff, and a parse of the whole input into columns. Parsers are stateless and thread-safe.
/// </summary>
public interface IFormatParser
{
    /// <summary>Stable format id, e.g. <c>csv</c>.</summary>
    string Id { get; }

    /// <summary>Lowercase extensions without the dot.</summary>
    IReadOnlyList<string> Extensions { get; }

    /// <summary>Must never throw, whatever the bytes.</summary>
    SniffConfidence Sniff(ReadOnlySpan<byte> data);

    /// <summary>Parses the whole input. Throws only <see cref="FormatParseException"/> on bad input.</summary>
    IReadOnlyList<Column> Parse(ReadOnlyMemory<byte> data);
}
