using System.Buffers;
using Vigil.Formats.Input;

namespace Vigil.Formats.Engine;

/// <summary>
/// Cuts an input into chunks that end just after a <c>\n</c> (or at the end of input), so every chunk starts at a
/// line start and can be parsed on its own. Reads into pooled buffers, carrying a partial last line over to the next
/// chunk; a line longer than the target grows the chunk. Drops a leading UTF-8 BOM. In DEBUG builds the source is read
/// a few bytes at a time so tests cross every refill boundary.
/// </summary>
internal sealed class LineChunker(InputSource input, int targetBytes, int maxLines)
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
    private long _line = 1;
    private bool _first = true;
    private bool _eof;

    /// <summary>The next chunk, or null when the input is exhausted.</summary>
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

        while (!_eof && used < targetBytes)
        {
            used += Fill(buffer, used);
        }

        int cut = FindCut(buffer.AsSpan(0, used));
        while (cut < 0 && !_eof)
        {
            // One line longer than the buffer: grow and read on.
            if (used == buffer.Length)
            {
                byte[] grown = ArrayPool<byte>.Shared.Rent(checked(buffer.Length * 2));
                buffer.AsSpan(0, used).CopyTo(grown);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = grown;
            }

            int before = used;
            used += Fill(buffer, used);
            if (buffer.AsSpan(before, used - before).Contains((byte)'\n'))
            {
                cut = FindCut(buffer.AsSpan(0, used));
            }
        }

        if (_eof && (cut < 0 || maxLines == 0))
        {
            cut = used; // the last line needs no terminator
        }

        int start = 0;
        if (_first)
        {
            start = cut - TextInput.WithoutBom(buffer.AsSpan(0, cut)).Length;
        }

        if (cut < used)
        {
            _carry ??= new byte[Math.Max(256, used - cut)];
            if (_carry.Length < used - cut)
            {
                _carry = new byte[used - cut];
            }

            buffer.AsSpan(cut, used - cut).CopyTo(_carry);
            _carryLength = used - cut;
        }

        long lines = buffer.AsSpan(start, cut - start).Count((byte)'\n');
        bool isLast = _eof && _carryLength == 0;
        var chunk = new InputChunk(buffer, start, cut - start, _offset + start, _line, lines, _first, isLast);
        _offset += cut;
        _line += lines;
        _first = false;
        return chunk;
    }

    private int Fill(byte[] buffer, int used)
    {
        int room = Math.Min(buffer.Length - used, MaxReadSize);
        int n = input.Read(buffer.AsSpan(used, room));
        _eof |= n == 0;
        return n;
    }

    /// <summary>The end of the last whole line that fits the limits (just after its <c>\n</c>), or -1.</summary>
    private int FindCut(ReadOnlySpan<byte> data)
    {
        if (maxLines > 0)
        {
            int at = 0;
            for (int i = 0; i < maxLines; i++)
            {
                int nl = data[at..].IndexOf((byte)'\n');
                if (nl < 0)
                {
                    return i == 0 ? -1 : at;
                }

                at += nl + 1;
            }

            return at;
        }

        int last = data.LastIndexOf((byte)'\n');
        return last < 0 ? -1 : last + 1;
    }
}
