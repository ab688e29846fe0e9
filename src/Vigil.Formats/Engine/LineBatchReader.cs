using Vigil.Formats.Input;

namespace Vigil.Formats.Engine;

/// <summary>The engine side of <see cref="ILineFormatParser"/>: chunks at line starts, validates, splits lines, numbers errors.</summary>
internal sealed class LineBatchReader(ILineFormatParser parser, InputSource input, BatchOptions options) : ChunkedBatchReader(options)
{
    private readonly RecordChunker _chunker = new(input, LineBoundary.Instance, options.EffectiveBytes, options.MaxRows);

    protected override InputChunk? NextChunk() => _chunker.Next();

    protected override ParsedChunk Parse(InputChunk chunk)
    {
        ReadOnlySpan<byte> data = chunk.Data;
        data = data[..Utf8Validation.ParsablePrefix(parser.Id, data, chunk.ByteOffset, out FormatParseException? invalid)];
        long lineCount = data.Count((byte)'\n');
        var sink = new ColumnSink((int)Math.Min(lineCount + 1, 1 << 20));
        var lines = new Utf8LineSplitter(data);
        while (lines.MoveNext(out ReadOnlySpan<byte> line))
        {
            try
            {
                parser.ParseLine(line, sink);
            }
            catch (FormatParseException e) when (e.Line is null)
            {
                throw new FormatParseException(e.Format, e.Reason, lines.LineNumber);
            }
        }

        if (invalid is not null)
        {
            throw invalid;
        }

        return new ParsedChunk(ColumnRoleHinting.Apply(parser, parser.CompleteBatch(sink.Build())), sink.RecordCount, chunk.ByteOffset, data.Length, lineCount);
    }
}
