using System.Runtime.InteropServices;

namespace Vigil.Core.Columns;

/// <summary>
/// Merges record batches, in input order, into the columns the whole input would give in one pass (reference §2.5):
/// columns in order of first appearance, a column first seen in a later batch back-filled with Nulls, each column's
/// string dictionary in first-seen order (per-batch codes remapped). A single batch is taken as is, without a copy.
/// Once a batch of several is appended its columns are spent: pooled storage goes back to the pool.
/// </summary>
public sealed class RecordBatchAssembler
{
    private readonly List<ColumnBuilder> _builders = [];
    // The role hint a parser gave each column (taken from the batch that introduced it), kept across the merge.
    private readonly List<Roles.ColumnRole?> _hints = [];
    private readonly Dictionary<string, List<int>> _index = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);
    private RecordBatch? _only;
    private long _rows;
    private long _expectedRows;

    /// <summary>Rows appended so far.</summary>
    public long Rows => _rows;

    /// <summary>
    /// A hint of the total row count, so columns are allocated once instead of growing by doubling. Set it after the
    /// first batch (e.g. its rows per byte times the input's length); an overestimate only costs spare capacity.
    /// </summary>
    public long ExpectedRows
    {
        get => _expectedRows;
        set => _expectedRows = Math.Max(0, value);
    }

    public void Append(RecordBatch batch)
    {
        if (_only is null && _builders.Count == 0 && _rows == 0)
        {
            _only = batch;
            _rows = batch.RowCount;
            return;
        }

        if (_only is not null)
        {
            RecordBatch first = _only;
            _only = null;
            _rows = 0;
            AppendToBuilders(first);
        }

        AppendToBuilders(batch);
    }

    /// <summary>The merged columns; the assembler is spent afterwards.</summary>
    public IReadOnlyList<Column> Build()
    {
        if (_only is not null)
        {
            return _only.Columns;
        }

        var result = new Column[_builders.Count];
        for (int i = 0; i < result.Length; i++)
        {
            Column built = _builders[i].Build();
            result[i] = _hints[i] is null ? built : built.WithRoleHint(_hints[i]);
        }

        return result;
    }

    private void AppendToBuilders(RecordBatch batch)
    {
        long total = _rows + batch.RowCount;
        if (total > Array.MaxLength)
        {
            throw new InvalidOperationException($"more than {Array.MaxLength} records");
        }

        // Names may repeat within a batch (CSV headers): the n-th column of a name goes to the n-th builder of it.
        _seen.Clear();
        foreach (Column column in batch.Columns)
        {
            ref int occurrence = ref CollectionsMarshal.GetValueRefOrAddDefault(_seen, column.Name, out _);
            if (!_index.TryGetValue(column.Name, out List<int>? slots))
            {
                slots = [];
                _index.Add(column.Name, slots);
            }

            if (occurrence == slots.Count)
            {
                var added = new ColumnBuilder(column.Name, Capacity(total));
                added.AppendNulls((int)_rows);
                slots.Add(_builders.Count);
                _builders.Add(added);
                _hints.Add(column.RoleHint);
            }

            ColumnBuilder target = _builders[slots[occurrence]];
            occurrence++;
            target.EnsureCapacity(Capacity(total));
            target.AppendColumn(column);
        }

        foreach (ColumnBuilder builder in _builders)
        {
            if (builder.Length < total)
            {
                builder.AppendNulls((int)(total - builder.Length));
            }
        }

        // Copied: pooled batch storage goes back for the next chunks.
        foreach (Column column in batch.Columns)
        {
            column.ReturnPooledStorage();
        }

        _rows = total;
    }

    private int Capacity(long atLeast) => (int)Math.Min(Array.MaxLength, Math.Max(atLeast, _expectedRows));
}
