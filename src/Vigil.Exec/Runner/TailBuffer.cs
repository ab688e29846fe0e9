namespace Vigil.Exec.Runner;

/// <summary>Keeps the last N bytes written to it (a byte ring). Not thread-safe.</summary>
internal sealed class TailBuffer(int capacity)
{
    private readonly byte[] _ring = new byte[capacity];
    private long _written;

    public void Append(ReadOnlySpan<byte> data)
    {
        if (_ring.Length == 0)
        {
            return;
        }

        if (data.Length > _ring.Length)
        {
            // Only the last capacity bytes can survive; account for the skipped ones.
            _written += data.Length - _ring.Length;
            data = data[^_ring.Length..];
        }

        int pos = (int)(_written % _ring.Length);
        int first = Math.Min(data.Length, _ring.Length - pos);
        data[..first].CopyTo(_ring.AsSpan(pos));
        data[first..].CopyTo(_ring);
        _written += data.Length;
    }

    /// <summary>The retained bytes, oldest first.</summary>
    public byte[] ToArray()
    {
        if (_written <= _ring.Length)
        {
            return _ring.AsSpan(0, (int)_written).ToArray();
        }

        int pos = (int)(_written % _ring.Length);
        var result = new byte[_ring.Length];
        _ring.AsSpan(pos).CopyTo(result);
        _ring.AsSpan(0, pos).CopyTo(result.AsSpan(_ring.Length - pos));
        return result;
    }
}
