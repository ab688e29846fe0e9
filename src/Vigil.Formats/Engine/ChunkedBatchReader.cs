using Vigil.Core.Columns;

namespace Vigil.Formats.Engine;

/// <summary>
/// Parses chunks on up to <see cref="BatchOptions.Parallelism"/> threads and hands the batches out in input order,
/// with only a few chunks in flight (bounded memory). A chunk's error surfaces when its turn comes, so the first bad
/// record in input order is the one reported, exactly as a one-thread run would.
/// </summary>
internal abstract class ChunkedBatchReader : IRecordBatchReader
{
    private readonly Queue<Task<ParsedChunk>> _inFlight = new();
    private readonly int _parallelism;
    private long _rows;
    private long _line = 1;
    private bool _exhausted;

    protected ChunkedBatchReader(BatchOptions options)
    {
        _parallelism = options.EffectiveParallelism;
    }

    /// <summary>
    /// A chunk's parse result: its columns and how much input it covered (<paramref name="LineCount"/> lines), or the
    /// error it hit, with a line number relative to the chunk (1 = its first line).
    /// </summary>
    protected readonly record struct ParsedChunk(Column[] Columns, int Rows, long ByteOffset, long ByteLength, long LineCount, FormatParseException? Error = null);

    public RecordBatch? Read()
    {
        if (_parallelism <= 1)
        {
            InputChunk? chunk = _exhausted ? null : NextChunk();
            if (chunk is null)
            {
                _exhausted = true;
                return null;
            }

            return ToBatch(ParseAndRelease(chunk));
        }

        while (!_exhausted && _inFlight.Count < _parallelism + 1)
        {
            InputChunk? chunk = NextChunk();
            if (chunk is null)
            {
                _exhausted = true;
                break;
            }

            // The first chunk is parsed inline: it decides the format (and CSV's header) before any fan-out.
            _inFlight.Enqueue(chunk.IsFirst ? Task.FromResult(ParseAndRelease(chunk)) : Task.Run(() => ParseAndRelease(chunk)));
            if (chunk.IsFirst)
            {
                break;
            }
        }

        if (_inFlight.Count == 0)
        {
            return null;
        }

        return ToBatch(_inFlight.Dequeue().GetAwaiter().GetResult());
    }

    public void Dispose()
    {
        _exhausted = true;
        while (_inFlight.Count > 0)
        {
            // Let running parses finish so their pooled buffers go back; their errors no longer matter.
            _ = _inFlight.Dequeue().ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
        }

        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>The next chunk (sequential: runs on the reading thread), or null at the end.</summary>
    protected abstract InputChunk? NextChunk();

    /// <summary>
    /// Parses one chunk; may run on any thread, concurrently with other chunks. Line numbers (in the result and in a
    /// thrown <see cref="FormatParseException"/>) are relative to the chunk.
    /// </summary>
    protected abstract ParsedChunk Parse(InputChunk chunk);

    protected virtual void Dispose(bool disposing)
    {
    }

    private ParsedChunk ParseAndRelease(InputChunk chunk)
    {
        try
        {
            return Parse(chunk);
        }
        catch (FormatParseException e)
        {
            return new ParsedChunk([], 0, chunk.ByteOffset, 0, 0, e);
        }
        finally
        {
            chunk.Release();
        }
    }

    private RecordBatch ToBatch(ParsedChunk parsed)
    {
        if (parsed.Error is FormatParseException error)
        {
            _exhausted = true;
            throw error.ShiftedBy(_line - 1);
        }

        var batch = new RecordBatch(_rows, _line, parsed.ByteOffset, parsed.ByteLength, parsed.LineCount, parsed.Rows, parsed.Columns);
        _rows += parsed.Rows;
        _line += parsed.LineCount;
        return batch;
    }
}
