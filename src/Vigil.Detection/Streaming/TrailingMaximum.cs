namespace Vigil.Detection.Streaming;

/// <summary>
/// Maximum of the scores of the previous <c>span − 1</c> rows (a monotonic queue: amortised O(1) per row, at most
/// <c>span</c> entries).
/// </summary>
internal sealed class TrailingMaximum
{
    private readonly int _span;
    private readonly long[] _rows;
    private readonly double[] _values;
    private int _head;
    private int _count;

    public TrailingMaximum(int span)
    {
        _span = Math.Max(1, span);
        _rows = new long[_span + 1];
        _values = new double[_span + 1];
    }

    /// <summary>Returns the maximum over rows in (row − span, row) — 0 when there are none — then records this row.</summary>
    public double Push(long row, double value)
    {
        while (_count > 0 && _rows[_head] <= row - _span)
        {
            _head = (_head + 1) % _rows.Length;
            _count--;
        }

        double max = _count > 0 ? _values[_head] : 0.0;
        while (_count > 0 && _values[Index(_count - 1)] <= value)
        {
            _count--;
        }

        int at = Index(_count);
        _rows[at] = row;
        _values[at] = value;
        _count++;
        return max;
    }

    private int Index(int offset) => (_head + offset) % _rows.Length;

    public void Write(BinaryWriter writer)
    {
        writer.Write(_count);
        for (int i = 0; i < _count; i++)
        {
            writer.Write(_rows[Index(i)]);
            writer.Write(_values[Index(i)]);
        }
    }

    public void Read(BinaryReader reader)
    {
        int count = reader.ReadInt32();
        if (count < 0 || count > _span)
        {
            throw new InvalidDataException("detector state holds an out-of-range incident queue");
        }

        _head = 0;
        _count = count;
        for (int i = 0; i < count; i++)
        {
            _rows[i] = reader.ReadInt64();
            _values[i] = reader.ReadDouble();
        }
    }
}
