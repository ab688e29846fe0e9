namespace Vigil.Formats.Engine;

/// <summary>
/// Rust <c>str::lines()</c> over UTF-8 bytes: splits on <c>\n</c>, drops one trailing <c>\r</c> from every line, and
/// yields no final empty line after a trailing newline. Line numbers are 1-based; offsets are byte offsets of each
/// line's start within the span. Used on whole inputs (sniffs) and on engine chunks, which always start at a line
/// start (see <see cref="RecordChunker"/> for splitting across buffer refills).
/// </summary>
internal ref struct Utf8LineSplitter
{
    private readonly ReadOnlySpan<byte> _data;
    private int _next;
    private bool _done;

    public Utf8LineSplitter(ReadOnlySpan<byte> data)
    {
        _data = data;
        _done = data.IsEmpty;
        LineNumber = 0;
        Offset = 0;
        _next = 0;
    }

    /// <summary>1-based number of the current line.</summary>
    public int LineNumber { get; private set; }

    /// <summary>Byte offset of the current line's start.</summary>
    public int Offset { get; private set; }

    public bool MoveNext(out ReadOnlySpan<byte> line)
    {
        if (_done)
        {
            line = default;
            return false;
        }

        Offset = _next;
        ReadOnlySpan<byte> rest = _data[_next..];
        int nl = rest.IndexOf((byte)'\n');
        if (nl < 0)
        {
            line = rest;
            _done = true;
        }
        else
        {
            line = rest[..nl];
            _next += nl + 1;
            _done = _next == _data.Length;
        }

        if (!line.IsEmpty && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        LineNumber++;
        return true;
    }
}
