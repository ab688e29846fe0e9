using Vigil.Core.Columns;
using Vigil.Core.Numerics;

namespace Vigil.Detection.Numerics;

/// <summary>
/// The complete rows (every feature finite) of several numeric columns, read feature by feature in blocks. When no
/// row is incomplete the features are read straight from column storage — a Float column's doubles, an Int
/// column's longs — and nothing is copied; otherwise the complete rows are gathered once.
/// </summary>
internal sealed class FeatureTable
{
    private readonly Column?[] _direct;
    private readonly double[][]? _gathered;
    private readonly int[]? _rows;
    private readonly ScanContext? _context;

    private FeatureTable(Column?[] direct, double[][]? gathered, int[]? rows, int count, ScanContext? context = null)
    {
        _context = context;
        _direct = direct;
        _gathered = gathered;
        _rows = rows;
        Count = count;
    }

    /// <summary>Number of complete rows.</summary>
    public int Count { get; }

    public int Dimension => _direct.Length;

    /// <summary>The complete rows of <paramref name="features"/>; sums of features read in place come from (and stay in) <paramref name="context"/>.</summary>
    public static FeatureTable Of(IReadOnlyList<Column> features, int rowCount, ScanContext? context = null)
    {
        var direct = new Column?[features.Count];
        bool allDirect = true;
        for (int j = 0; j < features.Count && allDirect; j++)
        {
            Column f = features[j];
            allDirect = f.Length == rowCount && ((f.TryGetFloat64Span(out ReadOnlySpan<double> xs) && ColumnProfile.AllFinite(xs)) || f.TryGetInt64Span(out _));
            direct[j] = f;
        }

        return allDirect ? new FeatureTable(direct, null, null, rowCount, context) : Gather(features);
    }

    /// <summary>A table over values already in memory (feature-major, equal lengths, all rows complete).</summary>
    public static FeatureTable FromArrays(double[][] data) =>
        new(new Column?[data.Length], data, null, data.Length == 0 ? 0 : data[0].Length);

    /// <summary>The row that complete row <paramref name="index"/> came from.</summary>
    public int RowOf(int index) => _rows is null ? index : _rows[index];

    /// <summary>The exact sum of feature <paramref name="feature"/> over the complete rows.</summary>
    public double Sum(int feature)
    {
        if (_gathered is null && _context is not null)
        {
            return _context.StorageSum(_direct[feature]!).Result();
        }

        var sum = new ExactSum();
        if (_gathered is not null)
        {
            sum.Add(_gathered[feature]);
        }
        else if (_direct[feature]!.TryGetFloat64Span(out ReadOnlySpan<double> xs))
        {
            sum.Add(xs);
        }
        else
        {
            _direct[feature]!.TryGetInt64Span(out ReadOnlySpan<long> ints);
            sum.Add(ints);
        }

        return sum.Result();
    }

    /// <summary>Copies feature <paramref name="feature"/> of complete rows [start, start + destination.Length) as doubles.</summary>
    public void Fill(int feature, int start, Span<double> destination)
    {
        if (_gathered is not null)
        {
            _gathered[feature].AsSpan(start, destination.Length).CopyTo(destination);
        }
        else if (_direct[feature]!.TryGetFloat64Span(out ReadOnlySpan<double> xs))
        {
            xs.Slice(start, destination.Length).CopyTo(destination);
        }
        else
        {
            _direct[feature]!.TryGetInt64Span(out ReadOnlySpan<long> ints);
            ReadOnlySpan<long> slice = ints.Slice(start, destination.Length);
            for (int i = 0; i < slice.Length; i++)
            {
                destination[i] = slice[i];
            }
        }
    }

    // Each feature's finite values with their rows, then the rows all of them share (a merge of sorted row lists).
    private static FeatureTable Gather(IReadOnlyList<Column> features)
    {
        int dim = features.Count;
        var values = new double[dim][];
        var rows = new int[dim][];
        var counts = new int[dim];
        for (int j = 0; j < dim; j++)
        {
            int capacity = features[j].Length - features[j].NullCount;
            values[j] = new double[capacity];
            rows[j] = new int[capacity];
            counts[j] = features[j].CopyFiniteNumeric(values[j], rows[j]);
        }

        var complete = new List<int>();
        var cursor = new int[dim];
        while (true)
        {
            int candidate = -1;
            bool exhausted = false;
            for (int j = 0; j < dim; j++)
            {
                if (cursor[j] >= counts[j])
                {
                    exhausted = true;
                    break;
                }

                candidate = Math.Max(candidate, rows[j][cursor[j]]);
            }

            if (exhausted)
            {
                break;
            }

            bool all = true;
            for (int j = 0; j < dim; j++)
            {
                while (cursor[j] < counts[j] && rows[j][cursor[j]] < candidate)
                {
                    cursor[j]++;
                }

                all &= cursor[j] < counts[j] && rows[j][cursor[j]] == candidate;
            }

            if (!all)
            {
                continue;
            }

            complete.Add(candidate);
            for (int j = 0; j < dim; j++)
            {
                values[j][complete.Count - 1] = values[j][cursor[j]];
                cursor[j]++;
            }
        }

        var data = new double[dim][];
        for (int j = 0; j < dim; j++)
        {
            data[j] = values[j][..complete.Count];
        }

        return new FeatureTable(new Column?[dim], data, complete.ToArray(), complete.Count);
    }
}
