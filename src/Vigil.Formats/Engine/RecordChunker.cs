using System.Buffers;
using Vigil.Formats.Input;

namespace Vigil.Formats.Engine;

/// <summary>
/// Cuts an input into chunks of whole records, so every chunk starts at a record start and can be parsed on its own.
/// Reads into pooled buffers, carrying a partial last record over to the next chunk; a record longer than the target
/// grows the chunk. Drops a leading UTF-8 BOM. In DEBUG builds the source is read 7 bytes at a time so tests cross
/// every refill boundary. Where records end is the <see cref="IRecordBoundary"/>'s business.
/// </summary>
internal sealed class RecordChunker(InputSource input, IRecordBoundary boundary, int targetBytes, int maxRecords)
{
#if DEBUG
    // Tiny reads make every refill path run in the unit tests.
    private const int MaxReadSize = 7;
#else
    private const int MaxReadSize = int.MaxValue;
#endif

    private byte[]? _carry;
    private int _carryLength;
    private long _offset = input.Position;
    private bool _first = true;
    private bool _eof;

    /// <summary>The next chunk, or null when the input is exhausted (an empty input gives one empty chunk).</summary>
    public InputChunk? Next()
    {
        if (_eof && _carryLength == 0 && !_first)
        {
            return null;
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(targetBytes, _carryLength + 1));
        int used = 0;
        if (_carryLength > 0)
        {
            _carry.AsSpan(0, _carryLength).CopyTo(buffer);
            used = _carryLength;
            _carryLength = 0;
        }

        int target = maxRecords > 0 ? Math.Min(targetBytes, used + 1) : targetBytes;
        while (!_eof && used < target)
        {
            used += Fill(buffer, used);
        }

        int cut = Cut(buffer.AsSpan(0, used));
        while (cut < 0 && !_eof)
        {
            // A record longer than the buffer (or a first chunk not yet acceptable): grow and read on.
            if (used == buffer.Length)
            {
                byte[] grown = ArrayPool<byte>.Shared.Rent((int)Math.Min(Array.MaxLength, (long)buffer.Length * 2));
                if (grown.Length == buffer.Length)
                {
                    throw new InputException($"io error: {input.DisplayName}: record too large");
                }

                buffer.AsSpan(0, used).CopyTo(grown);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = grown;
            }

            used += Fill(buffer, used);
            cut = Cut(buffer.AsSpan(0, used));
        }

        if (_eof && (cut < 0 || maxRecords == 0))
        {
            cut = used; // the last record needs no terminator
        }

        int start = _first ? cut - TextInput.WithoutBom(buffer.AsSpan(0, cut)).Length : 0;
        if (cut < used)
        {
            if (_carry is null || _carry.Length < used - cut)
            {
                _carry = new byte[Math.Max(256, used - cut)];
            }

            buffer.AsSpan(cut, used - cut).CopyTo(_carry);
            _carryLength = used - cut;
        }

        var chunk = new InputChunk(buffer, start, cut - start, _offset + start, _first, _eof && _carryLength == 0);
        _offset += cut;
        _first = false;
        return chunk;
    }

    private int Cut(ReadOnlySpan<byte> data)
    {
        int cut = boundary.LastRecordEnd(data, maxRecords);
        // The first chunk must show whether the input has any content (CSV: whitespace-only input has no header).
        return cut >= 0 && _first && !boundary.AcceptsFirstChunk(TextInput.WithoutBom(data[..cut])) ? -1 : cut;
    }

    private int Fill(byte[] buffer, int used)
    {
        int room = Math.Min(buffer.Length - used, MaxReadSize);
        int n = input.Read(buffer.AsSpan(used, room));
        _eof |= n == 0;
        return n;
    }
}
