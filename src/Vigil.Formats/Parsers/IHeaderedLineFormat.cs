using Vigil.Core.Columns;
using Vigil.Formats.Engine;

namespace Vigil.Formats.Parsers;

/// <summary>
/// A line format whose first non-blank line is a header that names the columns of every later line (VPC flow logs,
/// nfdump CSV), optionally ended by a trailer line after which nothing is read. Read by
/// <see cref="HeaderedLineBatchReader{THeader}"/>.
/// </summary>
internal interface IHeaderedLineFormat<THeader>
    where THeader : class
{
    string Id { get; }

    /// <summary>A trailer line's text, searched for by the reading thread; empty when the format has none.</summary>
    ReadOnlySpan<byte> EndMarker { get; }

    /// <summary>Reads the header line; throws <see cref="FormatParseException"/> (without a line) when it is not one.</summary>
    THeader ParseHeader(ReadOnlySpan<byte> line);

    /// <summary>True for the trailer line (checked on every non-blank line after the header).</summary>
    bool IsEnd(ReadOnlySpan<byte> line);

    /// <summary>One non-blank data line as a record; throws <see cref="FormatParseException"/> (without a line) on bad input.</summary>
    void ParseRow(THeader header, ReadOnlySpan<byte> line, ColumnSink sink);

    /// <summary>Role hints for one batch's columns.</summary>
    Column[] CompleteBatch(Column[] columns);

    /// <summary>Called once the input is exhausted; throws when a header was required but never seen.</summary>
    void Finish(bool sawHeader);
}
