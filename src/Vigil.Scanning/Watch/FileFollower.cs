namespace Vigil.Scanning.Watch;

/// <summary>
/// Reads what is appended to a file, complete lines only, like <c>tail -F</c>: after a rename + recreate it drains the
/// old file to its end and continues at the start of the new one; after a copytruncate (same file, now shorter than
/// what was read) it continues at the start. Does no waiting itself: <see cref="Poll"/> returns whatever is there,
/// so the caller decides how to wait (and tests drive it step by step).
/// </summary>
internal sealed class FileFollower : IDisposable
{
    private const int ReadSize = 1 << 20;
    private readonly string _path;
    private readonly byte[] _buffer = new byte[ReadSize];
    private FileStream? _stream;
    private byte[] _partial = [];

    /// <summary>Follows <paramref name="path"/> from byte <paramref name="offset"/> of the file it names now.</summary>
    public FileFollower(string path, long offset)
    {
        _path = path;
        Open(offset);
    }

    /// <summary>Bytes consumed (through the last complete line returned) in the current file.</summary>
    public long Offset { get; private set; }

    /// <summary>The current file's identity, when it can be told.</summary>
    public FileIdentity? Identity { get; private set; }

    /// <summary>Raised when the follower moves to a new file or back to the start of a truncated one.</summary>
    public event Action<string>? Reopened;

    /// <summary>
    /// The complete lines appended since the last call (possibly empty), each ending in '\n'; they start at byte
    /// <see cref="Offset"/> − length of the current file (0 after a rotation or truncation).
    /// </summary>
    public byte[] Poll()
    {
        if (_stream is null)
        {
            if (!Open(0))
            {
                return [];
            }
        }

        byte[] lines = ReadCompleteLines();
        if (lines.Length > 0)
        {
            return lines;
        }

        // Nothing new in the file we hold: has the path moved on to another file, or been truncated?
        FileIdentity? now = FileIdentity.Of(_path);
        long length = LengthAtPath();
        bool replaced = now is not null && Identity is not null && now != Identity;
        bool truncated = !replaced && length >= 0 && length < Offset + _partial.Length;
        if (!replaced && !truncated)
        {
            return [];
        }

        Reopened?.Invoke(replaced ? "rotated" : "truncated");
        _stream?.Dispose();
        _stream = null;
        _partial = [];
        if (!Open(0))
        {
            return [];
        }

        return ReadCompleteLines();
    }

    private byte[] ReadCompleteLines()
    {
        using var collected = new MemoryStream();
        collected.Write(_partial);
        int n;
        while ((n = _stream!.Read(_buffer, 0, _buffer.Length)) > 0)
        {
            collected.Write(_buffer, 0, n);
        }

        byte[] all = collected.GetBuffer();
        int length = (int)collected.Length;
        int end = length == 0 ? 0 : Array.LastIndexOf(all, (byte)'\n', length - 1, length) + 1;
        _partial = all[end..length];
        Offset += end;
        return end == 0 ? [] : all[..end];
    }

    private bool Open(long offset)
    {
        try
        {
            _stream = new FileStream(_path, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.ReadWrite | FileShare.Delete,
                BufferSize = 0,
            });
        }
        catch (FileNotFoundException)
        {
            return false;
        }
        catch (DirectoryNotFoundException)
        {
            return false;
        }

        Identity = FileIdentity.Of(_path);
        long start = offset <= _stream.Length ? offset : 0;
        _stream.Seek(start, SeekOrigin.Begin);
        Offset = start;
        return true;
    }

    private long LengthAtPath()
    {
        try
        {
            var info = new FileInfo(_path);
            return info.Exists ? info.Length : -1;
        }
        catch (IOException)
        {
            return -1;
        }
    }

    public void Dispose() => _stream?.Dispose();
}
