namespace Vigil.Exec.Audit;

/// <summary>Reads newline-terminated byte lines from a stream, with a little lookahead for diagnosing breaks.</summary>
internal sealed class AuditLineReader
{
    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly Queue<AuditLine> _lookahead = new();
    private int _start;
    private int _end;
    private bool _eof;

    public AuditLineReader(Stream stream) => _stream = stream;

    public AuditLine? Next() => _lookahead.TryDequeue(out AuditLine? line) ? line : ReadFromStream();

    /// <summary>
    /// The line <paramref name="offset"/> places after the last one <see cref="Next"/> returned (0 = the next),
    /// without consuming it.
    /// </summary>
    public AuditLine? Peek(int offset)
    {
        while (_lookahead.Count <= offset)
        {
            if (ReadFromStream() is not AuditLine line)
            {
                return null;
            }

            _lookahead.Enqueue(line);
        }

        return _lookahead.ElementAt(offset);
    }

    private AuditLine? ReadFromStream()
    {
        var pending = new MemoryStream();
        while (true)
        {
            int newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                pending.Write(_buffer, _start, newline);
                _start += newline + 1;
                return new AuditLine(pending.ToArray(), Terminated: true);
            }

            pending.Write(_buffer, _start, _end - _start);
            _start = _end = 0;
            if (_eof || (_end = _stream.Read(_buffer)) == 0)
            {
                _eof = true;
                return pending.Length == 0 ? null : new AuditLine(pending.ToArray(), Terminated: false);
            }
        }
    }
}

/// <summary>One line's bytes (without the newline) and whether a newline ended it.</summary>
internal sealed record AuditLine(byte[] Bytes, bool Terminated);
