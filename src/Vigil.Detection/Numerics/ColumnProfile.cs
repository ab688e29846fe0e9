using System.Runtime.CompilerServices;
using Vigil.Core.Columns;
using Vigil.Core.Numerics;

namespace Vigil.Detection.Numerics;

/// <summary>
/// A numeric column's finite values (the reference's <c>numeric()</c>, row order) and the deterministic statistics
/// detectors share, each computed at most once, on first use. The values are the column's own storage when it is a
/// null-free, all-finite Float column, else one copy; the row of each value is kept only when rows were dropped.
/// Safe for concurrent readers.
/// </summary>
internal sealed class ColumnProfile
{
    private readonly Column _column;
    private readonly double[]? _copy;
    private readonly int[]? _rows;
    private readonly Lock _gate = new();
    private ExactSum? _sum;
    private (bool Done, double? Value) _variance;
    private (bool Done, double? Value) _median;
    private (bool Done, double? Value) _mad;
    private SortedSample? _sorted;

    private ColumnProfile(Column column, double[]? copy, int[]? rows, int count)
    {
        _column = column;
        _copy = copy;
        _rows = rows;
        Count = count;
    }

    public Column Column => _column;

    public int Count { get; }

    /// <summary>The finite values in row order.</summary>
    public ReadOnlySpan<double> Values
    {
        get
        {
            if (_copy is not null)
            {
                return _copy.AsSpan(0, Count);
            }

            _column.TryGetFloat64Span(out ReadOnlySpan<double> values);
            return values;
        }
    }

    /// <summary>True when value i came from row i (no row was dropped).</summary>
    public bool RowsAreIdentity => _rows is null;

    /// <summary>The row value <paramref name="index"/> came from.</summary>
    public int RowOf(int index) => _rows is null ? index : _rows[index];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ColumnProfile Of(Column column)
    {
        if (column.TryGetFloat64Span(out ReadOnlySpan<double> floats) && AllFinite(floats))
        {
            return new ColumnProfile(column, null, null, floats.Length);
        }

        if (column.TryGetInt64Span(out ReadOnlySpan<long> ints))
        {
            double[] copy = GC.AllocateUninitializedArray<double>(ints.Length);
            for (int i = 0; i < ints.Length; i++)
            {
                copy[i] = ints[i];
            }

            return new ColumnProfile(column, copy, null, copy.Length);
        }

        int capacity = column.Length - column.NullCount;
        double[] values = GC.AllocateUninitializedArray<double>(capacity);
        int[] rows = GC.AllocateUninitializedArray<int>(capacity);
        int n = column.CopyFiniteNumeric(values, rows);
        return new ColumnProfile(column, values, n == column.Length ? null : rows, n);
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
                if (_sum is null)
                {
                    var sum = new ExactSum();
                    sum.Add(Values);
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
                    _variance = (true, Count < 2 ? null : Det.VarianceAbout(Values, Sum / Count));
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
                    _median = (true, Det.Median(Values));
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
                    _mad = (true, Det.MadAbout(Values, median));
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
}
