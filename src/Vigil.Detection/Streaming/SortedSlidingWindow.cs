namespace Vigil.Detection.Streaming;

/// <summary>
/// The last <c>capacity</c> values in arrival order (a ring) and in sorted order (an array kept sorted by binary
/// search + block move), so order statistics and tail counts cost O(log n) and an update one memmove.
/// </summary>
internal sealed class SortedSlidingWindow
{
    private readonly double[] _ring;
    private readonly double[] _sorted;
    private int _head;

    public SortedSlidingWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new double[capacity];
        _sorted = new double[capacity];
    }

    public int Count { get; private set; }

    public int Capacity => _ring.Length;

    /// <summary>The held values, ascending.</summary>
    public ReadOnlySpan<double> Sorted => _sorted.AsSpan(0, Count);

    public double Min => _sorted[0];

    public double Max => _sorted[Count - 1];

    public void Add(double value)
    {
        if (Count == _ring.Length)
        {
            double evicted = _ring[_head];
            int at = LowerBound(evicted);
            Array.Copy(_sorted, at + 1, _sorted, at, Count - at - 1);
            Count--;
        }

        _ring[_head] = value;
        _head = (_head + 1) % _ring.Length;
        int pos = LowerBound(value);
        Array.Copy(_sorted, pos, _sorted, pos + 1, Count - pos);
        _sorted[pos] = value;
        Count++;
    }

    /// <summary>Linear-interpolated quantile (the "type 7" definition), <paramref name="p"/> in [0,1]; needs Count ≥ 1.</summary>
    public double Quantile(double p)
    {
        double k = p * (Count - 1);
        int i = (int)k;
        double f = k - i;
        return i + 1 >= Count ? _sorted[i] : (_sorted[i] * (1.0 - f)) + (_sorted[i + 1] * f);
    }

    /// <summary>How many held values are ≥ <paramref name="value"/>.</summary>
    public int CountAtLeast(double value) => Count - LowerBound(value);

    /// <summary>First sorted index whose value is ≥ <paramref name="value"/>.</summary>
    public int LowerBound(double value)
    {
        int lo = 0;
        int hi = Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(_ring.Length);
        writer.Write(Count);
        // Arrival order, oldest first: replaying it rebuilds both views exactly.
        int start = Count == _ring.Length ? _head : 0;
        for (int i = 0; i < Count; i++)
        {
            writer.Write(_ring[(start + i) % _ring.Length]);
        }
    }

    public void Read(BinaryReader reader)
    {
        int capacity = reader.ReadInt32();
        int count = reader.ReadInt32();
        if (capacity != _ring.Length || count < 0 || count > capacity)
        {
            throw new InvalidDataException("detector state does not match the detector's window sizes");
        }

        Count = 0;
        _head = 0;
        for (int i = 0; i < count; i++)
        {
            Add(reader.ReadDouble());
        }
    }
}
