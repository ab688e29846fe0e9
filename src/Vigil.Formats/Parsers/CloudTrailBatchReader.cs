using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using Vigil.Core.Columns;
using Vigil.Formats.Engine;
using Vigil.Formats.Input;
using Vigil.Formats.Json;

namespace Vigil.Formats.Parsers;

/// <summary>
/// Streams a CloudTrail document (<c>{"Records":[…]}</c>) with <see cref="Utf8JsonReader"/> over a refilled pooled
/// buffer: memory is one buffer plus the columns, whatever the file size. Each record is first skipped over on a copy
/// of the reader (so a syntax error inside it is reported before anything it contains, and the record is whole in the
/// buffer), then read into the sink. Errors and line numbers are those of a whole-document read.
/// </summary>
internal sealed class CloudTrailBatchReader : IRecordBatchReader
{
#if DEBUG
    // Tiny reads and a tiny first buffer make every refill and growth path run in the unit tests.
    private const int MaxReadSize = 7;
    private const int InitialBuffer = 16;
#else
    private const int MaxReadSize = int.MaxValue;
    private const int InitialBuffer = 1 << 20;
#endif

    private const string FormatId = "cloudtrail";

    private readonly InputSource _input;
    private readonly int _maxRows;
    private readonly int _maxBytes;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private int _validated;
    private long _bufferOffset;
    private int _counted;
    private long _line = 1;
    private JsonReaderState _state = new(JsonValueReader.Options);
    private Phase _phase;
    private bool _eof;
    private bool _first = true;
    private bool _bomChecked;
    private bool _sawRecords;
    private int _index;
    private long _rows;

    public CloudTrailBatchReader(InputSource input, BatchOptions options)
    {
        _input = input;
        _maxRows = options.MaxRows;
        _maxBytes = options.EffectiveBytes;
        _bufferOffset = input.Position;
        _buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
    }

    private enum Phase
    {
        Start,
        Members,
        Records,
        Trailing,
        Done,
    }

    public RecordBatch? Read()
    {
        if (_phase == Phase.Done)
        {
            return null;
        }

        long firstLine = LineAt(_start);
        long byteOffset = _bufferOffset + _start;
        var sink = new ColumnSink(_maxRows > 0 ? _maxRows : 1024);
        long consumed = 0;
        while (_phase != Phase.Done)
        {
            if (_phase == Phase.Records && ((_maxRows > 0 && sink.RecordCount >= _maxRows) || consumed >= _maxBytes))
            {
                break; // the members and the end after the last record stay with it, so batches cover the input
            }

            int before = _start;
            if (!Step(sink))
            {
                Refill();
                continue;
            }

            consumed += _start - before;
        }

        if (sink.RecordCount == 0 && !_first && _bufferOffset + _start == byteOffset)
        {
            return null;
        }

        _first = false;
        long lastLine = LineAt(_start);
        var batch = new RecordBatch(_rows, firstLine, byteOffset, _bufferOffset + _start - byteOffset, lastLine - firstLine, sink.RecordCount, sink.Build());
        _rows += sink.RecordCount;
        return batch;
    }

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    /// <summary>One unit of progress (a member, a record, the end); false when the buffer holds too little for it.</summary>
    private bool Step(ColumnSink sink)
    {
        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _eof, _state);
        try
        {
            switch (_phase)
            {
                case Phase.Start:
                    if (!reader.Read())
                    {
                        return false;
                    }

                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        throw new FormatParseException(FormatId, "not a CloudTrail log: expected a JSON object with a 'Records' array", LineAt(_start + (int)reader.TokenStartIndex));
                    }

                    _phase = Phase.Members;
                    break;
                case Phase.Members:
                    if (!StepMember(ref reader))
                    {
                        return false;
                    }

                    break;
                case Phase.Records:
                    if (!StepRecord(ref reader, sink))
                    {
                        return false;
                    }

                    break;
                default:
                    while (reader.Read())
                    {
                        // Reading to the end validates the rest of the document.
                    }

                    if (!_eof)
                    {
                        Commit(ref reader);
                        return false;
                    }

                    _phase = Phase.Done;
                    if (!_sawRecords)
                    {
                        throw new FormatParseException(FormatId, "not a CloudTrail log: missing 'Records' array", 1);
                    }

                    break;
            }
        }
        catch (JsonException e)
        {
            throw new FormatParseException(FormatId, JsonValueReader.DescribeError(e), (e.LineNumber ?? 0) + 1);
        }

        Commit(ref reader);
        return true;
    }

    private bool StepMember(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            return false;
        }

        if (reader.TokenType != JsonTokenType.PropertyName)
        {
            _phase = Phase.Trailing; // the root object's end
            return true;
        }

        bool records = !_sawRecords && reader.ValueTextEquals("Records"u8);
        if (!reader.Read())
        {
            return false;
        }

        if (records && reader.TokenType == JsonTokenType.StartArray)
        {
            _sawRecords = true;
            _phase = Phase.Records;
            return true;
        }

        return reader.TrySkip();
    }

    private bool StepRecord(ref Utf8JsonReader reader, ColumnSink sink)
    {
        if (!reader.Read())
        {
            return false;
        }

        if (reader.TokenType == JsonTokenType.EndArray)
        {
            _phase = Phase.Members;
            return true;
        }

        Utf8JsonReader probe = reader;
        if (!probe.TrySkip())
        {
            return false;
        }

        long line = LineAt(_start + (int)reader.TokenStartIndex);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new FormatParseException(FormatId, $"Records[{_index}] is not an object", line);
        }

        try
        {
            CloudTrailParser.AddRecord(ref reader, sink);
        }
        catch (JsonException e)
        {
            throw new FormatParseException(FormatId, JsonValueReader.DescribeError(e), line);
        }
        catch (InvalidOperationException e)
        {
            throw new FormatParseException(FormatId, e.Message, line);
        }

        _index++;
        return true;
    }

    private void Commit(ref Utf8JsonReader reader)
    {
        _start += (int)reader.BytesConsumed;
        _state = reader.CurrentState;
    }

    /// <summary>The 1-based line of buffer position <paramref name="position"/> (positions only move forward).</summary>
    private long LineAt(int position)
    {
        if (position > _counted)
        {
            _line += _buffer.AsSpan(_counted, position - _counted).Count((byte)'\n');
            _counted = position;
        }

        return _line;
    }

    private void Refill()
    {
        if (_eof)
        {
            // A final-block reader throws rather than wait for more, so this is only a guard.
            throw new FormatParseException(FormatId, "unexpected end of input", LineAt(_end));
        }

        LineAt(_start);
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _bufferOffset += _start;
            _end -= _start;
            _validated -= _start;
            _counted = 0;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            byte[] grown = ArrayPool<byte>.Shared.Rent(checked(_buffer.Length * 2));
            _buffer.AsSpan(0, _end).CopyTo(grown);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = grown;
        }

        int n = _input.Read(_buffer.AsSpan(_end, Math.Min(_buffer.Length - _end, MaxReadSize)));
        _eof = n == 0;
        _end += n;
        if (!_bomChecked && (_end >= 3 || _eof))
        {
            _bomChecked = true;
            _start = _validated = _counted = _end - TextInput.WithoutBom(_buffer.AsSpan(0, _end)).Length;
        }

        Validate();
    }

    /// <summary>Checks the new bytes are UTF-8, holding back a sequence the read cut in two until its rest arrives.</summary>
    private void Validate()
    {
        int end = _end;
        if (!_eof)
        {
            int lead = end - 1;
            while (lead >= _validated && lead > end - 4 && (_buffer[lead] & 0xC0) == 0x80)
            {
                lead--;
            }

            if (lead >= _validated && _buffer[lead] >= 0xC0)
            {
                int need = _buffer[lead] >= 0xF0 ? 4 : _buffer[lead] >= 0xE0 ? 3 : 2;
                if (end - lead < need)
                {
                    end = lead;
                }
            }
        }

        ReadOnlySpan<byte> fresh = _buffer.AsSpan(_validated, end - _validated);
        if (!Utf8.IsValid(fresh))
        {
            int offset = 0;
            while (System.Text.Rune.DecodeFromUtf8(fresh[offset..], out _, out int used) == OperationStatus.Done)
            {
                offset += used;
            }

            long line = LineAt(_validated + offset);
            throw new FormatParseException(FormatId, $"invalid UTF-8 at byte offset {_bufferOffset + _validated + offset}", line);
        }

        _validated = end;
    }
}
