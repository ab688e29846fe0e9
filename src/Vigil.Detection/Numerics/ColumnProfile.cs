using System.Runtime.CompilerServices;
using Vigil.Core.Columns;
using Vigil.Core.Numerics;

namespace Vigil.Detection.Numerics;

/// <summary>
/// A numeric column's finite values (the reference's <c>numeric()</c>, row order) and the deterministic statistics
/// detectors share, each computed at most once, on first use. A null-free, all-finite Float column is read in place
/// as doubles and a null-free Int column in place as longs (projected per value, never copied); any other column is
/// gathered once, keeping each value's row only when rows were dropped. Safe for concurrent readers.
/// </summary>
internal sealed class ColumnProfile
{
    /// <summary>Values per block handed out by <see cref="Blocks"/>.</summary>
    public const int BlockLength = 4096;

    private readonly Column _column;
    private readonly bool _int64;
    private readonly int[]? _rows;
    private readonly Lock _gate = new();
    // Where a profile read in place gets its sum from, when a scan shares it across detectors.
    private readonly ScanContext? _context;
    private double[]? _copy;
    private ExactSum? _sum;
    private (bool Done, double? Value) _variance;
    private (bool Done, double? Value) _median;
    private (bool Done, double? Value) _mad;
    private SortedSample? _sorted;

    private ColumnProfile(Column column, bool int64, double[]? copy, int[]? rows, int count, ScanContext? context = null)
    {
        _context = copy is null ? context : null;
        _column = column;
        _int64 = int64;
        _copy = copy;
        _rows = rows;
        Count = count;
    }

    public Column Column => _column;

    public int Count { get; }

    /// <summary>True when value i came from row i (no row was dropped).</summary>
    public bool RowsAreIdentity => _rows is null;

    /// <summary>The row value <paramref name="index"/> came from.</summary>
    public int RowOf(int index) => _rows is null ? index : _rows[index];

    /// <summary>
    /// The finite values in row order as one span. For an Int column this materialises a double copy on first use
    /// (kept with the profile): prefer <see cref="Blocks"/> for a single pass.
    /// </summary>
    public ReadOnlySpan<double> Values
    {
        get
        {
            if (!_int64 && _copy is null)
            {
                _column.TryGetFloat64Span(out ReadOnlySpan<double> values);
                return values;
            }

            lock (_gate)
            {
                if (_copy is null)
                {
                    _column.TryGetInt64Span(out ReadOnlySpan<long> ints);
                    double[] copy = GC.AllocateUninitializedArray<double>(ints.Length);
                    Project(ints, copy);
                    _copy = copy;
                }
            }

            return _copy.AsSpan(0, Count);
        }
    }

    /// <summary>The values from <paramref name="start"/> in blocks of up to <see cref="BlockLength"/>: slices of storage, or projections into <paramref name="buffer"/>.</summary>
    public BlockReader Blocks(Span<double> buffer, int start = 0, int end = -1) =>
        new(this, buffer, start, end < 0 ? Count : end);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ColumnProfile Of(Column column, ScanContext? context = null)
    {
        if (column.TryGetFloat64Span(out ReadOnlySpan<double> floats) && AllFinite(floats))
        {
            return new ColumnProfile(column, false, null, null, floats.Length, context);
        }

        if (column.TryGetInt64Span(out ReadOnlySpan<long> ints))
        {
            return new ColumnProfile(column, true, null, null, ints.Length, context);
        }

        int capacity = column.Length - column.NullCount;
        double[] values = GC.AllocateUninitializedArray<double>(capacity);
        int[] rows = GC.AllocateUninitializedArray<int>(capacity);
        int n = column.CopyFiniteNumeric(values, rows);
        return new ColumnProfile(column, false, values, n == column.Length ? null : rows, n);
    }

    /// <summary><c>det_sum</c> of the values.</summary>
    public double Sum => SumAccumulator.Result();

    /// <summary>The exact sum itself (shared: callers must <see cref="ExactSum.Clone"/> before changing it).</summary>
    public ExactSum SumAccumulator
    {
        get
        {
            lock (_gate)
            {
                if (_sum is null && _context is not null)
                {
                    _sum = _context.StorageSum(_column);
                }

                if (_sum is null)
                {
                    var sum = new ExactSum();
                    if (IsInt64(out ReadOnlySpan<long> ints))
                    {
                        sum.Add(ints);
                    }
                    else
                    {
                        sum.Add(Values);
                    }

                    _sum = sum;
                }

                return _sum;
            }
        }
    }

    /// <summary><c>det::mean</c>; null when empty.</summary>
    public double? Mean => Count == 0 ? null : Sum / Count;

    /// <summary><c>det::variance</c> (Bessel-corrected); null for fewer than 2 values.</summary>
    public double? Variance
    {
        get
        {
            lock (_gate)
            {
                if (!_variance.Done)
                {
                    _variance = (true, Count < 2 ? null : SquaredDeviations(Sum / Count) / (Count - 1));
                }

                return _variance.Value;
            }
        }
    }

    public double? StdDev => Variance is double v ? Math.Sqrt(v) : null;

    public double? Median
    {
        get
        {
            lock (_gate)
            {
                if (!_median.Done)
                {
                    _median = (true, IsInt64(out ReadOnlySpan<long> ints)
                        ? OrderStatistics.Quantile(ints, 0.5, default(OrderStatistics.Identity))
                        : OrderStatistics.Quantile(Values, 0.5, default(OrderStatistics.Identity)));
                }

                return _median.Value;
            }
        }
    }

    /// <summary><c>det::mad</c>: 1.4826 · median(|x − median|); null when empty.</summary>
    public double? Mad
    {
        get
        {
            if (Median is not double median)
            {
                return null;
            }

            lock (_gate)
            {
                if (!_mad.Done)
                {
                    var deviation = new OrderStatistics.AbsoluteDeviation(median);
                    double mid = IsInt64(out ReadOnlySpan<long> ints)
                        ? OrderStatistics.Quantile(ints, 0.5, deviation)!.Value
                        : OrderStatistics.Quantile(Values, 0.5, deviation)!.Value;
                    _mad = (true, 1.4826 * mid);
                }

                return _mad.Value;
            }
        }
    }

    /// <summary>The values sorted by total order (a copy; only the two-sample statistics need it).</summary>
    public SortedSample Sorted
    {
        get
        {
            lock (_gate)
            {
                _sorted ??= SortedSample.Of(Values);
                return _sorted.Value;
            }
        }
    }

    internal static bool AllFinite(ReadOnlySpan<double> values)
    {
        foreach (double v in values)
        {
            if (!double.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }

    internal static void Project(ReadOnlySpan<long> ints, Span<double> destination)
    {
        for (int i = 0; i < ints.Length; i++)
        {
            destination[i] = ints[i];
        }
    }

    // An Int column not yet materialised as doubles: read it in place.
    private bool IsInt64(out ReadOnlySpan<long> ints)
    {
        ints = default;
        return _int64 && _copy is null && _column.TryGetInt64Span(out ints);
    }

    private double SquaredDeviations(double mean)
    {
        var squares = new ExactSum();
        Span<double> buffer = stackalloc double[BlockLength];
        foreach (ReadOnlySpan<double> block in Blocks(buffer))
        {
            squares.AddSquaredDeviations(block, mean);
        }

        return squares.Result();
    }

    /// <summary>Walks a profile's values in blocks; <see cref="Start"/> is the index of the current block's first value.</summary>
    public ref struct BlockReader
    {
        private readonly ColumnProfile _profile;
        private readonly Span<double> _buffer;
        private readonly int _end;
        private int _next;

        internal BlockReader(ColumnProfile profile, Span<double> buffer, int start, int end)
        {
            _profile = profile;
            _buffer = buffer;
            _next = start;
            _end = end;
            Start = start;
            Current = default;
        }

        public int Start { get; private set; }

        public ReadOnlySpan<double> Current { get; private set; }

        public readonly BlockReader GetEnumerator() => this;

        public bool MoveNext()
        {
            if (_next >= _end)
            {
                return false;
            }

            int length = Math.Min(Math.Min(BlockLength, _buffer.Length), _end - _next);
            Start = _next;
            if (_profile.IsInt64(out ReadOnlySpan<long> ints))
            {
                Project(ints.Slice(_next, length), _buffer);
                Current = _buffer[..length];
            }
            else
            {
                Current = _profile.Values.Slice(_next, length);
            }

            _next += length;
            return true;
        }
    }
}
