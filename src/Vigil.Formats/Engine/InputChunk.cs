using System.Buffers;

namespace Vigil.Formats.Engine;

/// <summary>
/// A run of whole records cut from an input, in a pooled buffer: its bytes, where it starts (byte offset)
/// and whether it is the first (BOM already dropped from <see cref="Data"/>) or the last. <see cref="Release"/> returns the buffer.
/// </summary>
internal sealed class InputChunk(byte[] buffer, int start, int length, long byteOffset, bool isFirst, bool isLast)
{
    private byte[]? _buffer = buffer;

    public ReadOnlySpan<byte> Data => _buffer is null ? throw new ObjectDisposedException(nameof(InputChunk)) : _buffer.AsSpan(start, length);

    /// <summary>Offset in the input of <see cref="Data"/>'s first byte.</summary>
    public long ByteOffset { get; } = byteOffset;

    public bool IsFirst { get; } = isFirst;

    public bool IsLast { get; } = isLast;

    public void Release()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }
    }
}
