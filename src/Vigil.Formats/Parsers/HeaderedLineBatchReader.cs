using System.Collections.Concurrent;
using Vigil.Formats.Engine;
using Vigil.Formats.Input;

namespace Vigil.Formats.Parsers;

/// <summary>
/// Reads an <see cref="IHeaderedLineFormat{THeader}"/> in chunks parsed in parallel. The reading thread finds the
/// header (the first non-blank line) and the trailer, so each chunk starts with the state in force at its first line;
/// the chunk's parse re-reads a header or trailer inside it exactly as a one-pass read would, errors included.
/// </summary>
internal sealed class HeaderedLineBatchReader<THeader>(IHeaderedLineFormat<THeader> format, InputSource input, BatchOptions options) : ChunkedBatchReader(options)
    where THeader : class
{
    private readonly RecordChunker _chunker = new(input, LineBoundary.Instance, options.EffectiveBytes, options.MaxRows);
    private readonly ConcurrentDictionary<InputChunk, State> _starts = new();
    private State _state = new(null, HeaderFailed: false, Ended: false);

    protected override InputChunk? NextChunk()
    {
        InputChunk? chunk = _chunker.Next();
        if (chunk is not null)
        {
            _starts[chunk] = _state;
            _state = Skim(chunk.Data, _state);
        }

        return chunk;
    }

    protected override ParsedChunk Parse(InputChunk chunk)
    {
        _starts.TryRemove(chunk, out State? state);
        state ??= new State(null, HeaderFailed: false, Ended: false);
        ReadOnlySpan<byte> data = chunk.Data;
        data = data[..Utf8Validation.ParsablePrefix(format.Id, data, chunk.ByteOffset, out FormatParseException? invalid)];
        long lineCount = data.Count((byte)'\n');
        var sink = new ColumnSink((int)Math.Min(lineCount + 1, 1 << 20));
        THeader? header = state.Header;
        bool ended = state.Ended || state.HeaderFailed;
        var lines = new Utf8LineSplitter(data);
        while (!ended && lines.MoveNext(out ReadOnlySpan<byte> line))
        {
            if (SniffText.IsUnicodeWhiteSpace(line))
            {
                continue;
            }

            try
            {
                if (header is null)
                {
                    header = format.ParseHeader(line);
                }
                else if (format.IsEnd(line))
                {
                    ended = true;
                }
                else
                {
                    format.ParseRow(header, line, sink);
                }
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

        if (chunk.IsLast)
        {
            format.Finish(header is not null || state.HeaderFailed);
        }

        return new ParsedChunk(format.CompleteBatch(sink.Build()), sink.RecordCount, chunk.ByteOffset, data.Length, lineCount);
    }

    /// <summary>The state after a chunk: its header if it holds the first non-blank line, and whether a trailer ended the input.</summary>
    private State Skim(ReadOnlySpan<byte> data, State state)
    {
        if (state.Ended || state.HeaderFailed)
        {
            return state;
        }

        int from = 0;
        if (state.Header is null)
        {
            var lines = new Utf8LineSplitter(data);
            while (lines.MoveNext(out ReadOnlySpan<byte> line))
            {
                if (SniffText.IsUnicodeWhiteSpace(line))
                {
                    continue;
                }

                try
                {
                    state = state with { Header = format.ParseHeader(line) };
                }
                catch (FormatParseException)
                {
                    // The chunk's parse reports it at its line; nothing after a bad header is read.
                    return state with { HeaderFailed = true };
                }

                from = lines.Offset + line.Length;
                break;
            }

            if (state.Header is null)
            {
                return state;
            }
        }

        ReadOnlySpan<byte> marker = format.EndMarker;
        while (!marker.IsEmpty && from < data.Length)
        {
            int hit = data[from..].IndexOf(marker);
            if (hit < 0)
            {
                break;
            }

            int at = from + hit;
            int start = data[..at].LastIndexOf((byte)'\n') + 1;
            int end = data[at..].IndexOf((byte)'\n');
            ReadOnlySpan<byte> line = end < 0 ? data[start..] : data[start..(at + end)];
            if (!line.IsEmpty && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            if (format.IsEnd(line))
            {
                return state with { Ended = true };
            }

            from = at + marker.Length;
        }

        return state;
    }

    private sealed record State(THeader? Header, bool HeaderFailed, bool Ended);
}
