using System.Text.Unicode;
using Vigil.Formats.Input;

namespace Vigil.Formats.Engine;

/// <summary>The engine side of <see cref="ILineFormatParser"/>: chunks at line starts, validates, splits lines, numbers errors.</summary>
internal sealed class LineBatchReader(ILineFormatParser parser, InputSource input, BatchOptions options) : ChunkedBatchReader(options)
{
    private readonly LineChunker _chunker = new(input, options.EffectiveBytes, options.MaxRows);

    protected override InputChunk? NextChunk() => _chunker.Next();

    protected override ParsedChunk Parse(InputChunk chunk)
    {
        ReadOnlySpan<byte> data = chunk.Data;
        EnsureUtf8(parser.Id, data, chunk);
        var sink = new ColumnSink((int)Math.Min(chunk.LineCount + 1, 1 << 20));
        var lines = new Utf8LineSplitter(data);
        while (lines.MoveNext(out ReadOnlySpan<byte> line))
        {
            try
            {
                parser.ParseLine(line, sink);
            }
            catch (FormatParseException e) when (e.Line is null)
            {
                throw new FormatParseException(e.Format, e.Detail, chunk.FirstLine + lines.LineNumber - 1);
            }
        }

        return new ParsedChunk(parser.CompleteBatch(sink.Build()), sink.RecordCount, chunk.FirstLine, chunk.ByteOffset, data.Length, chunk.LineCount);
    }

    /// <summary>Invalid UTF-8 is an error naming the absolute byte offset and line, as <see cref="TextInput.EnsureUtf8"/> words it.</summary>
    internal static void EnsureUtf8(string format, ReadOnlySpan<byte> data, InputChunk chunk)
    {
        if (Utf8.IsValid(data))
        {
            return;
        }

        int offset = 0;
        while (offset < data.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(data[offset..], out _, out int consumed) != System.Buffers.OperationStatus.Done)
            {
                break;
            }

            offset += consumed;
        }

        long line = chunk.FirstLine + data[..offset].Count((byte)'\n');
        throw new FormatParseException(format, $"invalid UTF-8 at byte offset {chunk.ByteOffset + offset}", line);
    }
}
