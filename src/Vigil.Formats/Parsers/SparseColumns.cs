using Vigil.Core.Columns;

namespace Vigil.Formats.Parsers;

/// <summary>
/// Row-at-a-time columns for the syslog hot path: the caller appends straight into each field's
/// <see cref="ColumnBuilder"/> (no per-cell key lookup, arena copy or boxed value), and the result matches
/// <see cref="TableBuilder"/> (§2.5): a column first seen at row r is back-filled with nulls, rows that skip it get
/// nulls, and the final order is (first row seen, then ordinal name), which is exactly "by first appearance,
/// alphabetical within the record that introduced them". Each column takes at most one value per row.
/// </summary>
internal sealed class SparseColumns
{
    private readonly List<ColumnBuilder> _columns = [];
    private readonly List<int> _firstRow = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    public SparseColumns()
    {
        _bySpan = _index.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Completed rows.</summary>
    public int Rows { get; private set; }

    /// <summary>The column for a name, created (and back-filled) on first use. Callers cache the result per name.</summary>
    public ColumnBuilder Get(string name) => _index.TryGetValue(name, out int i) ? _columns[i] : _columns[Add(name)];

    public ColumnBuilder Get(ReadOnlySpan<char> name) => _bySpan.TryGetValue(name, out int i) ? _columns[i] : _columns[Add(name.ToString())];

    /// <summary>True when the column already holds a value for the open row.</summary>
    public bool HasValue(ColumnBuilder column) => column.Length > Rows;

    /// <summary>Closes the open row: every column that got no value gets a null.</summary>
    public void EndRow()
    {
        Rows++;
        foreach (ColumnBuilder c in _columns)
        {
            if (c.Length < Rows)
            {
                c.AppendNull();
            }
        }
    }

    public Column[] Build()
    {
        int[] order = [.. Enumerable.Range(0, _columns.Count)];
        Array.Sort(order, (a, b) =>
        {
            int c = _firstRow[a].CompareTo(_firstRow[b]);
            return c != 0 ? c : string.CompareOrdinal(_columns[a].Name, _columns[b].Name);
        });
        return [.. order.Select(i => _columns[i].Build())];
    }

    private int Add(string name)
    {
        int i = _columns.Count;
        var builder = new ColumnBuilder(name, Math.Max(16, Rows + 1));
        builder.AppendNulls(Rows);
        _columns.Add(builder);
        _firstRow.Add(Rows);
        _index.Add(name, i);
        return i;
    }
}
