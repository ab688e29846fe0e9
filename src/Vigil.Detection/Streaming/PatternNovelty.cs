using System.Runtime.Intrinsics;

namespace Vigil.Detection.Streaming;

/// <summary>
/// Shape novelty: the recent trajectory (the last <c>blocks</c> means of <c>blockRows</c> rows) against every stored
/// past trajectory, scored by the distance to the nearest one (a nearest-neighbour conformity measure, as in
/// KNN-CAD, Burnaev &amp; Ishimtsev 2016). Catches anomalies no single value shows: a flattened or stretched daily
/// cycle, a denser burst pattern. Runs once per block, so its cost per row is a fraction of one comparison.
/// </summary>
internal sealed class PatternNovelty
{
    private readonly int _blockRows;
    private readonly int _blocks;
    private readonly int _memory;
    private readonly double[] _pending;
    private readonly double[] _recent;
    private readonly double[] _stored;
    private int _pendingCount;
    private int _recentCount;
    private int _storedCount;
    private int _storedHead;

    public PatternNovelty(int blockRows, int blocks, int memory)
    {
        _blockRows = blockRows;
        _blocks = blocks;
        _memory = memory;
        _pending = new double[blockRows];
        _recent = new double[blocks];
        _stored = new double[memory * blocks];
    }

    /// <summary>
    /// Feeds one value. Returns the new raw novelty (nearest-neighbour RMS distance over <paramref name="scale"/>)
    /// when a block completes with enough history to compare, otherwise null. <paramref name="scale"/> is NaN until
    /// the caller's level statistics are ready; no trajectory is stored before then.
    /// </summary>
    public double? Add(double value, double scale)
    {
        _pending[_pendingCount++] = value;
        if (_pendingCount < _blockRows)
        {
            return null;
        }

        double sum = 0.0;
        for (int i = 0; i < _blockRows; i++)
        {
            sum += _pending[i];
        }

        _pendingCount = 0;
        if (_recentCount == _blocks)
        {
            Array.Copy(_recent, 1, _recent, 0, _blocks - 1);
            _recentCount--;
        }

        _recent[_recentCount++] = sum / _blockRows;
        if (_recentCount < _blocks || double.IsNaN(scale))
        {
            return null;
        }

        double? raw = null;
        if (_storedCount > 2 * _blocks)
        {
            raw = Math.Sqrt(NearestSquaredDistance() / _blocks) / scale;
        }

        Store();
        return raw;
    }

    private double NearestSquaredDistance()
    {
        // Trajectories overlapping the current one (the last `blocks` stored) would be trivial matches. Candidates
        // are visited oldest first, as two contiguous runs of the ring.
        int candidates = _storedCount - _blocks;
        int oldest = _storedCount == _memory ? _storedHead : 0;
        int firstRun = Math.Min(candidates, _memory - oldest);
        double best = Nearest(_stored.AsSpan(oldest * _blocks, firstRun * _blocks), double.PositiveInfinity);
        return Nearest(_stored.AsSpan(0, (candidates - firstRun) * _blocks), best);
    }

    private double Nearest(ReadOnlySpan<double> run, double best)
    {
        ReadOnlySpan<double> current = _recent;
        for (int at = 0; at < run.Length; at += _blocks)
        {
            double d = SquaredDistance(current, run.Slice(at, _blocks));
            if (d < best)
            {
                best = d;
            }
        }

        return best;
    }

    // Four lanes at a time, then the lanes summed in a fixed order: the same bits with or without SIMD hardware
    // (Vector256 falls back to software with identical element-wise semantics, and the JIT does not fuse a*b+c).
    private static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int i = 0;
        var acc = Vector256<double>.Zero;
        for (; i + 4 <= a.Length; i += 4)
        {
            Vector256<double> t = Vector256.Create(a.Slice(i, 4)) - Vector256.Create(b.Slice(i, 4));
            acc += t * t;
        }

        double d = (acc.GetElement(0) + acc.GetElement(1)) + (acc.GetElement(2) + acc.GetElement(3));
        for (; i < a.Length; i++)
        {
            double t = a[i] - b[i];
            d += t * t;
        }

        return d;
    }

    private void Store()
    {
        _recent.AsSpan().CopyTo(_stored.AsSpan(_storedHead * _blocks, _blocks));
        _storedHead = (_storedHead + 1) % _memory;
        if (_storedCount < _memory)
        {
            _storedCount++;
        }
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(_blockRows);
        writer.Write(_blocks);
        writer.Write(_memory);
        writer.Write(_pendingCount);
        for (int i = 0; i < _pendingCount; i++)
        {
            writer.Write(_pending[i]);
        }

        writer.Write(_recentCount);
        for (int i = 0; i < _recentCount; i++)
        {
            writer.Write(_recent[i]);
        }

        writer.Write(_storedCount);
        writer.Write(_storedHead);
        for (int i = 0; i < _storedCount * _blocks; i++)
        {
            writer.Write(_stored[i]);
        }
    }

    public void Read(BinaryReader reader)
    {
        if (reader.ReadInt32() != _blockRows || reader.ReadInt32() != _blocks || reader.ReadInt32() != _memory)
        {
            throw new InvalidDataException("detector state does not match the detector's pattern sizes");
        }

        _pendingCount = ReadCount(reader, _blockRows);
        for (int i = 0; i < _pendingCount; i++)
        {
            _pending[i] = reader.ReadDouble();
        }

        _recentCount = ReadCount(reader, _blocks);
        for (int i = 0; i < _recentCount; i++)
        {
            _recent[i] = reader.ReadDouble();
        }

        _storedCount = ReadCount(reader, _memory);
        _storedHead = ReadCount(reader, _memory - 1);
        for (int i = 0; i < _storedCount * _blocks; i++)
        {
            _stored[i] = reader.ReadDouble();
        }
    }

    private static int ReadCount(BinaryReader reader, int max)
    {
        int n = reader.ReadInt32();
        return n >= 0 && n <= max ? n : throw new InvalidDataException("detector state holds an out-of-range count");
    }
}
