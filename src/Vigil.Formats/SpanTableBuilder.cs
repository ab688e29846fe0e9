using Vigil.Core.Columns;
using Vigil.Core.Values;

namespace Vigil.Formats;

/// <summary>
/// The <see cref="TableBuilder"/> column contract (reference §2.5: columns by first appearance, alphabetical among
/// the keys a record introduces; a repeated key keeps its last value; missing cells are Null) for line parsers that
/// read keys and values as spans. Cells go straight into typed column storage: no string or boxed value per cell,
/// and a key is looked up without allocating.
/// </summary>
internal sealed class SpanTableBuilder
{
    private enum CellKind : byte
    {
        Inferred,
        String,
        Value,
    }

    private readonly List<ColumnBuilder> _columns = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<(int KeyStart, int KeyLength, int ValueStart, int ValueLength, CellKind Kind, Value Value)> _pending = [];
    private readonly List<string> _newKeys = [];
    private char[] _arena = new char[1024];
    private int _arenaUsed;
    private int[] _stamp = new int[16];
    private int _records;

    public SpanTableBuilder()
    {
        _lookup = _index.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int RecordCount => _records;

    public void BeginRecord()
    {
        _pending.Clear();
        _arenaUsed = 0;
    }

    /// <summary>A text cell that goes through <see cref="TypeInference"/>.</summary>
    public void SetInferred(ReadOnlySpan<char> key, ReadOnlySpan<char> raw) => Add(key, raw, CellKind.Inferred, default);

    /// <summary>A cell that is a string whatever it looks like (quoted values, categorical codes).</summary>
    public void SetString(ReadOnlySpan<char> key, ReadOnlySpan<char> text) => Add(key, text, CellKind.String, default);

    public void SetValue(ReadOnlySpan<char> key, Value value) => Add(key, default, CellKind.Value, value);

    public void EndRecord()
    {
        _newKeys.Clear();
        ReadOnlySpan<char> arena = _arena;
        foreach (var p in _pending)
        {
            ReadOnlySpan<char> key = arena.Slice(p.KeyStart, p.KeyLength);
            if (!_lookup.ContainsKey(key) && !ContainsNewKey(key))
            {
                _newKeys.Add(key.ToString());
            }
        }

        if (_newKeys.Count > 0)
        {
            _newKeys.Sort(StringComparer.Ordinal);
            foreach (string key in _newKeys)
            {
                var builder = new ColumnBuilder(key, Math.Max(16, _records + 1));
                builder.AppendNulls(_records);
                _index.Add(key, _columns.Count);
                _columns.Add(builder);
            }

            if (_stamp.Length < _columns.Count)
            {
                Array.Resize(ref _stamp, Math.Max(_columns.Count, _stamp.Length * 2));
            }
        }

        int stamp = _records + 1;
        for (int i = _pending.Count - 1; i >= 0; i--)
        {
            var p = _pending[i];
            int col = _lookup[arena.Slice(p.KeyStart, p.KeyLength)];
            if (_stamp[col] == stamp)
            {
                continue;
            }

            _stamp[col] = stamp;
            ColumnBuilder builder = _columns[col];
            switch (p.Kind)
            {
                case CellKind.Inferred:
                    TypeInference.AppendInferred(builder, arena.Slice(p.ValueStart, p.ValueLength));
                    break;
                case CellKind.String:
                    builder.AppendString(arena.Slice(p.ValueStart, p.ValueLength));
                    break;
                default:
                    builder.Append(p.Value);
                    break;
            }
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

    public Column[] Build()
    {
        var result = new Column[_columns.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = _columns[i].Build();
        }

        return result;
    }

    private bool ContainsNewKey(ReadOnlySpan<char> key)
    {
        foreach (string k in _newKeys)
        {
            if (key.SequenceEqual(k))
            {
                return true;
            }
        }

        return false;
    }

    private void Add(ReadOnlySpan<char> key, ReadOnlySpan<char> value, CellKind kind, Value boxed)
    {
        int need = _arenaUsed + key.Length + value.Length;
        if (need > _arena.Length)
        {
            Array.Resize(ref _arena, Math.Max(need, _arena.Length * 2));
        }

        int keyStart = _arenaUsed;
        key.CopyTo(_arena.AsSpan(keyStart));
        int valueStart = keyStart + key.Length;
        value.CopyTo(_arena.AsSpan(valueStart));
        _arenaUsed = need;
        _pending.Add((keyStart, key.Length, valueStart, value.Length, kind, boxed));
    }
}
