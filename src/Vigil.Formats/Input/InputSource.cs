namespace Vigil.Formats.Input;

/// <summary>
/// One input read front to back: a file, stdin or any stream. Reads are sequential into caller buffers; until
/// <see cref="Commit"/> the source can <see cref="Rewind"/> to byte 0 (so format resolution can try another parser
/// on the same bytes), after which a non-seekable source stops retaining what it read. <see cref="BytesRead"/> may be
/// polled from any thread (progress). Not thread-safe otherwise: one reader at a time.
/// </summary>
/// <remarks>The place for compressed input (gzip/zstd/bzip2/xz by magic) and many-file input is <see cref="Open"/>.</remarks>
public abstract class InputSource : IDisposable
{
    private long _bytesRead;
    private long _position;
    private byte[]? _retained;
    private int _retainedLength;
    private bool _committed;

    protected InputSource(string name, long? length)
    {
        Name = name;
        Length = length;
    }

    /// <summary>The source as the user gave it: a path, or <c>-</c> for stdin.</summary>
    public string Name { get; }

    /// <summary>The name for messages: the path, or <c>stdin</c>.</summary>
    public string DisplayName => Name == "-" ? "stdin" : Name;

    /// <summary>Total bytes, when known up front (regular files, memory).</summary>
    public long? Length { get; }

    /// <summary>Distinct bytes read from the underlying source so far (replays after a rewind not counted).</summary>
    public long BytesRead => Interlocked.Read(ref _bytesRead);

    /// <summary>Bytes handed out since byte 0 (the reader's position).</summary>
    public long Position => _position;

    /// <summary>True when the source rewinds by seeking, without retaining what it read.</summary>
    protected abstract bool CanSeek { get; }

    /// <summary>Opens a file, or stdin for <c>-</c>. IO failures throw <see cref="InputException"/> with the contract's text.</summary>
    public static InputSource Open(string source, Func<Stream>? stdin = null) =>
        source == "-" ? new StreamInputSource(source, (stdin ?? Console.OpenStandardInput)()) : FileInputSource.Open(source);

    /// <summary>Opens a file, even one named <c>-</c>.</summary>
    public static InputSource OpenFile(string path) => FileInputSource.Open(path);

    /// <summary>A stream (seekable or not); the source owns and disposes it.</summary>
    public static InputSource FromStream(string name, Stream stream) => new StreamInputSource(name, stream);

    /// <summary>Bytes already in memory.</summary>
    public static InputSource FromMemory(string name, ReadOnlyMemory<byte> data) => new MemoryInputSource(name, data);

    /// <summary>Reads up to <paramref name="buffer"/>'s length; 0 only at the end of input.</summary>
    public int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (!CanSeek && _position < _retainedLength)
        {
            int replay = (int)Math.Min(buffer.Length, _retainedLength - _position);
            _retained.AsSpan((int)_position, replay).CopyTo(buffer);
            _position += replay;
            return replay;
        }

        int n = ReadAt(_position, buffer);
        if (n > 0)
        {
            if (!CanSeek && !_committed)
            {
                Retain(buffer[..n]);
            }

            if (_position + n > BytesRead)
            {
                Interlocked.Exchange(ref _bytesRead, _position + n);
            }

            _position += n;
        }

        return n;
    }

    /// <summary>Fills as much of <paramref name="buffer"/> as the input allows; fewer bytes only at the end.</summary>
    public int ReadFully(Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = Read(buffer[total..]);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    /// <summary>The rest of the input from the current position (whole-document formats).</summary>
    public byte[] ReadToEnd()
    {
        long remaining = Length is long len ? Math.Max(0, len - _position) : 0;
        byte[] buffer = new byte[remaining > 0 && remaining < Array.MaxLength ? remaining + 1 : 64 * 1024];
        int used = 0;
        while (true)
        {
            if (used == buffer.Length)
            {
                if (buffer.Length == Array.MaxLength)
                {
                    throw new InputException($"io error: {DisplayName}: file too large to load");
                }

                Array.Resize(ref buffer, (int)Math.Min(Array.MaxLength, (long)buffer.Length * 2));
            }

            int n = Read(buffer.AsSpan(used));
            if (n == 0)
            {
                break;
            }

            used += n;
        }

        return used == buffer.Length ? buffer : buffer[..used];
    }

    /// <summary>Up to <paramref name="max"/> bytes from the start, without moving the position (sniffing). Only before any read.</summary>
    public byte[] Peek(int max)
    {
        if (_position != 0)
        {
            throw new InvalidOperationException("peek after reading");
        }

        byte[] prefix = new byte[Length is long len ? (int)Math.Min(max, len) : max];
        int n = ReadFully(prefix);
        Rewind();
        return n == prefix.Length ? prefix : prefix[..n];
    }

    /// <summary>Back to byte 0; only before <see cref="Commit"/>.</summary>
    public void Rewind()
    {
        if (_committed)
        {
            throw new InvalidOperationException("rewind after commit");
        }

        _position = 0;
    }

    /// <summary>No more rewinds: the bytes retained for them are released.</summary>
    public void Commit()
    {
        _committed = true;
        if (_position >= _retainedLength)
        {
            _retained = null;
            _retainedLength = 0;
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Reads at an absolute offset (sequentially increasing for non-seekable sources).</summary>
    protected abstract int ReadAt(long offset, Span<byte> buffer);

    protected virtual void Dispose(bool disposing)
    {
    }

    private void Retain(ReadOnlySpan<byte> bytes)
    {
        _retained ??= new byte[Math.Max(64 * 1024, bytes.Length)];
        if (_retainedLength + bytes.Length > _retained.Length)
        {
            Array.Resize(ref _retained, (int)Math.Min(Array.MaxLength, Math.Max((long)_retainedLength + bytes.Length, (long)_retained.Length * 2)));
        }

        bytes.CopyTo(_retained.AsSpan(_retainedLength));
        _retainedLength += bytes.Length;
    }
}
