namespace Vigil.Formats.Input;

/// <summary>Bytes already in memory (tests, small inputs, the compatibility path).</summary>
internal sealed class MemoryInputSource(string name, ReadOnlyMemory<byte> data) : InputSource(name, data.Length)
{
    protected override bool CanSeek => true;

    protected override int ReadAt(long offset, Span<byte> buffer)
    {
        if (offset >= data.Length)
        {
            return 0;
        }

        int n = (int)Math.Min(buffer.Length, data.Length - offset);
        data.Span.Slice((int)offset, n).CopyTo(buffer);
        return n;
    }
}
