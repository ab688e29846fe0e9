using System.Buffers;

namespace Vigil.Scanning.Reports;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> over a <see cref="Stream"/>: bytes collect in one pooled buffer that goes to the
/// stream whenever it fills, so a large report leaves in fixed-size pieces instead of one string.
/// </summary>
public sealed class StreamBufferWriter : IBufferWriter<byte>, IDisposable
{
    private readonly Stream _stream;
    private readonly int _chunkSize;
    private byte[] _buffer;
    private int _written;

    /// <param name="stream">Where the bytes go.</param>
    /// <param name="chunkSize">Bytes buffered before a write to the stream (tests use tiny ones to cross every boundary).</param>
    public StreamBufferWriter(Stream stream, int chunkSize = 64 * 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        _stream = stream;
        _chunkSize = chunkSize;
        _buffer = ArrayPool<byte>.Shared.Rent(chunkSize);
    }

    public void Advance(int count)
    {
        if (count < 0 || _written + count > _buffer.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        // Reserve may swap in a bigger buffer, so read _buffer only after it.
        int start = Reserve(sizeHint);
        return _buffer.AsMemory(start);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        int start = Reserve(sizeHint);
        return _buffer.AsSpan(start);
    }

    /// <summary>Writes what is buffered and flushes the stream.</summary>
    public void Flush()
    {
        Drain();
        _stream.Flush();
    }

    public void Dispose()
    {
        byte[] buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private int Reserve(int sizeHint)
    {
        ObjectDisposedException.ThrowIf(_buffer.Length == 0, this);
        int need = Math.Max(sizeHint, 1);
        if (_written < _chunkSize && _buffer.Length - _written >= need)
        {
            return _written;
        }

        Drain();
        if (_buffer.Length < need)
        {
            // A caller asked for more than a chunk in one piece (e.g. a huge string): grow rather than split it.
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(need);
        }

        return 0;
    }

    private void Drain()
    {
        if (_written > 0)
        {
            _stream.Write(_buffer, 0, _written);
            _written = 0;
        }
    }
}
