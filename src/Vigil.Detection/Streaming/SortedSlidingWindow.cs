namespace Vigil.Detection.Streaming;

/// <summary>
/// The last <c>capacity</c> values in arrival order (a ring) and in sorted order, so order statistics and tail counts
/// are cheap. The sorted view is a list of small sorted blocks (square-root decomposition): an update moves at most
/// one block's worth of values instead of half a 5,000-value array, which is what keeps the detector near a
/// microsecond per row.
/// </summary>
internal sealed class SortedSlidingWindow
{
    private const int MaxBlock = 128;
    private readonly double[] _ring;
    private readonly List<Block> _blocks = [];
    private int _head;

    public SortedSlidingWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new double[capacity];
    }

    public int Count { get; private set; }

    public int Capacity => _ring.Length;

    public double Min => _blocks[0].Items[0];

    public double Max => _blocks[^1].Items[_blocks[^1].Count - 1];

    public void Add(double value)
    {
        if (Count == _ring.Length)
        {
            Remove(_ring[_head]);
        }

        Insert(value);
        _ring[_head] = value;
        _head = (_head + 1) % _ring.Length;
    }

    /// <summary>The <paramref name="k"/>-th smallest held value (0-based).</summary>
    public double Kth(int k)
    {
        if (k >= Count / 2)
        {
            // Upper statistics (the calibrators' tail threshold) are reached faster from the top.
            int above = Count - 1 - k;
            for (int j = _blocks.Count - 1; j >= 0; j--)
            {
                Block b = _blocks[j];
                if (above < b.Count)
                {
                    return b.Items[b.Count - 1 - above];
                }

                above -= b.Count;
            }
        }

        foreach (Block b in _blocks)
        {
            if (k < b.Count)
            {
                return b.Items[k];
            }

            k -= b.Count;
        }

        throw new ArgumentOutOfRangeException(nameof(k));
    }

    /// <summary>Sum of the sorted values from position <paramref name="k"/> to the end, added in ascending order.</summary>
    public double SumFrom(int k)
    {
        // Walk back from the end to the block holding k (the tail is short), then add forwards.
        int block = _blocks.Count - 1;
        int start = Count - _blocks[block].Count;
        while (start > k)
        {
            block--;
            start -= _blocks[block].Count;
        }

        double sum = 0.0;
        for (int i = k - start; block < _blocks.Count; block++, i = 0)
        {
            Block b = _blocks[block];
            for (; i < b.Count; i++)
            {
                sum += b.Items[i];
            }
        }

        return sum;
    }

    /// <summary>Linear-interpolated quantile (the "type 7" definition), <paramref name="p"/> in [0,1]; needs Count ≥ 1.</summary>
    public double Quantile(double p)
    {
        double k = p * (Count - 1);
        int i = (int)k;
        double f = k - i;
        return i + 1 >= Count ? Kth(i) : (Kth(i) * (1.0 - f)) + (Kth(i + 1) * f);
    }

    /// <summary>How many held values are ≥ <paramref name="value"/>.</summary>
    public int CountAtLeast(double value)
    {
        int j = FirstBlockReaching(value);
        if (j == _blocks.Count)
        {
            return 0;
        }

        int count = _blocks[j].Count - _blocks[j].LowerBound(value);
        for (int i = j + 1; i < _blocks.Count; i++)
        {
            count += _blocks[i].Count;
        }

        return count;
    }

    /// <summary>The held values, ascending (a copy).</summary>
    public double[] ToSortedArray()
    {
        var all = new double[Count];
        int at = 0;
        foreach (Block b in _blocks)
        {
            Array.Copy(b.Items, 0, all, at, b.Count);
            at += b.Count;
        }

        return all;
    }

    private void Insert(double value)
    {
        Count++;
        if (_blocks.Count == 0)
        {
            _blocks.Add(new Block());
            _blocks[0].Insert(value);
            return;
        }

        int j = Math.Min(FirstBlockReaching(value), _blocks.Count - 1);
        Block target = _blocks[j];
        target.Insert(value);
        if (target.Count == MaxBlock)
        {
            _blocks.Insert(j + 1, target.SplitUpperHalf());
        }
    }

    private void Remove(double value)
    {
        // The first block whose largest value reaches `value` holds its first occurrence.
        int j = FirstBlockReaching(value);
        Block target = _blocks[j];
        target.RemoveAt(target.LowerBound(value));
        Count--;
        if (target.Count == 0)
        {
            _blocks.RemoveAt(j);
        }
    }

    private int FirstBlockReaching(double value)
    {
        int lo = 0;
        int hi = _blocks.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_blocks[mid].Last < value)
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
        _blocks.Clear();
        for (int i = 0; i < count; i++)
        {
            Add(reader.ReadDouble());
        }
    }

    private sealed class Block
    {
        public double[] Items { get; } = new double[MaxBlock];

        public int Count { get; private set; }

        public double Last => Items[Count - 1];

        public int LowerBound(double value)
        {
            int lo = 0;
            int hi = Count;
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (Items[mid] < value)
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

        public void Insert(double value)
        {
            int pos = LowerBound(value);
            Array.Copy(Items, pos, Items, pos + 1, Count - pos);
            Items[pos] = value;
            Count++;
        }

        public void RemoveAt(int pos)
        {
            Array.Copy(Items, pos + 1, Items, pos, Count - pos - 1);
            Count--;
        }

        public Block SplitUpperHalf()
        {
            var upper = new Block();
            int keep = Count / 2;
            Array.Copy(Items, keep, upper.Items, 0, Count - keep);
            upper.Count = Count - keep;
            Count = keep;
            return upper;
        }
    }
}
