using Vigil.Core.Values;

namespace Vigil.Core.Columns;

/// <summary>
/// Builds columns from key → value records (reference §2.5): within a record keys are taken in ordinal order
/// (a repeated key keeps its last value); a key not seen before becomes a new column appended at the end and
/// back-filled with nulls; every known column receives the record's value or null.
/// </summary>
public sealed class TableBuilder
{
    private readonly List<ColumnBuilder> _columns = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<KeyValuePair<string, Value>> _pending = [];
    private int[] _stamp = new int[16];
    private int _records;
    private bool _open;

    public int RecordCount => _records;

    public void BeginRecord()
    {
        if (_open)
        {
            throw new InvalidOperationException("a record is already open");
        }

        _pending.Clear();
        _open = true;
    }

    public void Set(string key, Value value)
    {
        if (!_open)
        {
            throw new InvalidOperationException("no open record");
        }

        _pending.Add(new(key, value));
    }

    public void EndRecord()
    {
        if (!_open)
        {
            throw new InvalidOperationException("no open record");
        }

        _open = false;
        // Stable sort keeps insertion order among equal keys, so the last write of a key wins below.
        if (_pending.Count > 1)
        {
            var ordered = _pending.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
            _pending.Clear();
            _pending.AddRange(ordered);
        }

        int stamp = _records + 1;
        for (int i = 0; i < _pending.Count; i++)
        {
            (string key, Value value) = (_pending[i].Key, _pending[i].Value);
            if (i + 1 < _pending.Count && string.Equals(_pending[i + 1].Key, key, StringComparison.Ordinal))
            {
                continue;
            }

            if (!_index.TryGetValue(key, out int col))
            {
                col = _columns.Count;
                _index.Add(key, col);
                var builder = new ColumnBuilder(key, Math.Max(16, _records + 1));
                builder.AppendNulls(_records);
                _columns.Add(builder);
                if (_stamp.Length <= col)
                {
                    Array.Resize(ref _stamp, Math.Max(col + 1, _stamp.Length * 2));
                }
            }

            _columns[col].Append(value);
            _stamp[col] = stamp;
        }

        for (int c = 0; c < _columns.Count; c++)
        {
            if (_stamp[c] != stamp)
            {
                _columns[c].AppendNull();
            }
        }

        _records++;
    }

    /// <summary>Convenience: one record from a sequence of pairs.</summary>
    public void Add(IEnumerable<KeyValuePair<string, Value>> record)
    {
        BeginRecord();
        foreach (var (k, v) in record)
        {
            Set(k, v);
        }

        EndRecord();
    }

    public Column[] Build()
    {
        if (_open)
        {
            throw new InvalidOperationException("a record is still open");
        }

        var result = new Column[_columns.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = _columns[i].Build();
        }

        return result;
    }
}
