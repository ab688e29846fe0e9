using Vigil.Core.Columns;
using Vigil.Formats.Engine;
using Vigil.Formats.Input;

namespace Vigil.Formats;

/// <summary>
/// A format with one record per line and no state carried between lines. The engine splits the input into chunks at
/// line starts, validates UTF-8, strips a BOM, splits lines exactly like Rust <c>str::lines()</c> (on <c>\n</c>,
/// one trailing <c>\r</c> dropped, no empty last line), parses chunks in parallel and numbers errors.
/// </summary>
public interface ILineFormatParser : IFormatParser
{
    /// <summary>
    /// Parses one line (valid UTF-8, no terminator) into <paramref name="sink"/>: zero records (blank lines, comments)
    /// or one or more records, each between <see cref="ColumnSink.BeginRecord"/> and <see cref="ColumnSink.EndRecord"/>.
    /// Bad input: throw <see cref="FormatParseException"/> without a line number; the engine adds it.
    /// Called concurrently for different chunks (each with its own sink), so keep no mutable state in the parser.
    /// </summary>
    void ParseLine(ReadOnlySpan<byte> line, ColumnSink sink);

    /// <summary>
    /// Finishes one batch's columns (e.g. role hints on code-like columns); called once per batch, concurrently for
    /// different batches. The default keeps them as the sink built them.
    /// </summary>
    Column[] CompleteBatch(Column[] columns) => columns;

    IRecordBatchReader IFormatParser.Open(InputSource input, BatchOptions options) => new LineBatchReader(this, input, options);
}
