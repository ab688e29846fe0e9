namespace Vigil.Formats.Input;

/// <summary>A stream read front to back (stdin, pipes, network); rewinds replay the bytes retained until commit.</summary>
internal sealed class StreamInputSource(string name, Stream stream) : InputSource(name, null)
{
    protected override bool CanSeek => false;

    protected override int ReadAt(long offset, Span<byte> buffer)
    {
        try
        {
            return stream.Read(buffer);
        }
        catch (IOException e)
        {
            throw new InputException($"io error: {DisplayName}: {e.Message}", e);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            stream.Dispose();
        }
    }
}
