using Vigil.Core.Columns;
using Vigil.Formats.Engine;
using Vigil.Formats.Input;

namespace Vigil.Formats;

/// <summary>
/// A format whose records can only be found by reading the whole document (a JSON array, YAML, TOML, XML, INI), or a
/// parser not yet converted to batches: the engine reads the whole input and hands it to <see cref="Parse"/>, which
/// yields a single batch.
/// </summary>
public interface IDocumentFormatParser : IFormatParser
{
    /// <summary>Parses the whole input (BOM included, not yet validated). Throws only <see cref="FormatParseException"/> on bad input.</summary>
    IReadOnlyList<Column> Parse(ReadOnlyMemory<byte> data);

    IRecordBatchReader IFormatParser.Open(InputSource input, BatchOptions options) => new DocumentBatchReader(this, input);
}
