using System.Text;
using Vigil.Core.Columns;
using Vigil.Core.Values;

namespace Vigil.Formats.Engine;

/// <summary>
/// Where a parser puts records: keys and text as UTF-8 spans (slices of the input or of a scratch buffer), cells
/// straight into typed column storage with strings dictionary-encoded (a string is decoded only the first time it is
/// seen in a column). The column contract is the reference's (§2.5): columns in order of first appearance,
/// alphabetical (ordinal) among the keys one record introduces; a repeated key keeps its last value; a key missing
/// from a record is Null. One sink per batch; the assembler merges batches.
/// </summary>
public sealed class ColumnSink
{
    private enum CellKind : byte
    {
        Inferred,
        Text,
        Int,
        Float,
        Bool,
        Null,
    }

    private readonly List<ColumnBuilder> _columns = [];
    private readonly Utf8StringTable _keys = new();
    private readonly List<(int KeyStart, int KeyLength, int ValueStart, int ValueLength, CellKind Kind, long Bits)> _pending = [];
    private readonly List<string> _newKeys = [];
    private readonly int _capacity;
    private byte[] _arena = new byte[1024];
    private int _arenaUsed;
    private int[] _stamp = new int[16];
    private int[] _cols = new int[16];
    private byte[] _scratch = new byte[256];
    private int _records;
    private bool _open;

    /// <param name="capacity">Rows to reserve per column (an estimate; columns grow past it).</param>
    public ColumnSink(int capacity = 16)
    {
        _capacity = Math.Max(16, capacity);
    }

    /// <summary>Records completed so far.</summary>
    public int RecordCount => _records;

    public void BeginRecord()
    {
        if (_open)
        {
            throw new InvalidOperationException("a record is already open");
        }

        _open = true;
        _pending.Clear();
        _arenaUsed = 0;
    }

    /// <summary>A text cell typed by <see cref="TypeInference"/> ("" → Null, i64 → Int, finite f64 → Float, true/false → Bool, else Str).</summary>
    public void SetInferred(ReadOnlySpan<byte> key, ReadOnlySpan<byte> raw) => Add(key, raw, CellKind.Inferred, 0);

    /// <summary>A Str cell whatever it looks like (quoted values, categorical codes).</summary>
    public void SetString(ReadOnlySpan<byte> key, ReadOnlySpan<byte> utf8) => Add(key, utf8, CellKind.Text, 0);

    /// <summary>A Str cell given as UTF-16 (encoded once into the record's arena).</summary>
    public void SetString(ReadOnlySpan<byte> key, ReadOnlySpan<char> text)
    {
        int max = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (_scratch.Length < max)
        {
            _scratch = new byte[Math.Max(max, _scratch.Length * 2)];
        }

        int n = Encoding.UTF8.GetBytes(text, _scratch);
        Add(key, _scratch.AsSpan(0, n), CellKind.Text, 0);
    }

    public void SetInt(ReadOnlySpan<byte> key, long value) => Add(key, default, CellKind.Int, value);

    /// <summary>A Float cell; callers keep NaN/±Inf out (use <see cref="SetValue"/> with <see cref="Value.FromFiniteOrNull"/>).</summary>
    public void SetFloat(ReadOnlySpan<byte> key, double value) => Add(key, default, CellKind.Float, BitConverter.DoubleToInt64Bits(value));

    public void SetBool(ReadOnlySpan<byte> key, bool value) => Add(key, default, CellKind.Bool, value ? 1 : 0);

    /// <summary>An explicit Null (the column exists even if no record has a value).</summary>
    public void SetNull(ReadOnlySpan<byte> key) => Add(key, default, CellKind.Null, 0);

    public void SetValue(ReadOnlySpan<byte> key, Value value)
    {
        switch (value.Kind)
        {
            case ValueKind.Null:
                SetNull(key);
                break;
            case ValueKind.Bool:
                SetBool(key, value.AsBool);
                break;
            case ValueKind.Int:
                SetInt(key, value.AsInt);
                break;
            case ValueKind.Float:
                SetFloat(key, value.AsFloat);
                break;
            default:
                SetString(key, value.AsString.AsSpan());
                break;
        }
    }

    public void EndRecord()
    {
        if (!_open)
        {
            throw new InvalidOperationException("no open record");
        }

        _open = false;
        int count = _pending.Count;
        if (_cols.Length < count)
        {
            _cols = new int[Math.Max(count, _cols.Length * 2)];
        }

        ReadOnlySpan<byte> arena = _arena;
        bool anyNew = false;
        for (int i = 0; i < count; i++)
        {
            var p = _pending[i];
            int col = _keys.IndexOf(arena.Slice(p.KeyStart, p.KeyLength));
            _cols[i] = col;
            anyNew |= col < 0;
        }

        if (anyNew)
        {
            AddNewColumns(count);
        }

        int stamp = _records + 1;
        int written = 0;
        for (int i = count - 1; i >= 0; i--)
        {
            int col = _cols[i];
            if (_stamp[col] == stamp)
            {
                continue; // an earlier write of a key the record repeats: the last one wins
            }

            _stamp[col] = stamp;
            written++;
            var p = _pending[i];
            ColumnBuilder builder = _columns[col];
            switch (p.Kind)
            {
                case CellKind.Inferred:
                    TypeInference.AppendInferred(builder, arena.Slice(p.ValueStart, p.ValueLength));
                    break;
                case CellKind.Text:
                    builder.AppendString(arena.Slice(p.ValueStart, p.ValueLength));
                    break;
                case CellKind.Int:
                    builder.AppendInt(p.Bits);
                    break;
                case CellKind.Float:
                    builder.AppendFloat(BitConverter.Int64BitsToDouble(p.Bits));
                    break;
                case CellKind.Bool:
                    builder.AppendBool(p.Bits != 0);
                    break;
                default:
                    builder.AppendNull();
                    break;
            }
        }

        if (written < _columns.Count)
        {
            for (int c = 0; c < _columns.Count; c++)
            {
                if (_stamp[c] != stamp)
                {
                    _columns[c].AppendNull();
                }
            }
        }

        _records++;
    }

    /// <summary>The columns of the records so far (each <see cref="RecordCount"/> long); the sink is spent afterwards.</summary>
    public Column[] Build()
    {
        if (_open)
        {
            throw new InvalidOperationException("a record is still open");
        }

        var columns = new Column[_columns.Count];
        for (int i = 0; i < columns.Length; i++)
        {
            columns[i] = _columns[i].Build();
        }

        return columns;
    }

    private void AddNewColumns(int count)
    {
        ReadOnlySpan<byte> arena = _arena;
        _newKeys.Clear();
        for (int i = 0; i < count; i++)
        {
            if (_cols[i] < 0)
            {
                var p = _pending[i];
                string key = Encoding.UTF8.GetString(arena.Slice(p.KeyStart, p.KeyLength));
                if (!_newKeys.Contains(key))
                {
                    _newKeys.Add(key);
                }
            }
        }

        // Ordinal order of the decoded keys (UTF-16 code units), as the reference sorts them.
        _newKeys.Sort(StringComparer.Ordinal);
        foreach (string key in _newKeys)
        {
            var builder = new ColumnBuilder(key, Math.Max(_capacity, _records + 1), pooled: true);
            builder.AppendNulls(_records);
            _keys.AddKnownNew(Encoding.UTF8.GetBytes(key));
            _columns.Add(builder);
        }

        if (_stamp.Length < _columns.Count)
        {
            Array.Resize(ref _stamp, Math.Max(_columns.Count, _stamp.Length * 2));
        }

        for (int i = 0; i < count; i++)
        {
            if (_cols[i] < 0)
            {
                var p = _pending[i];
                _cols[i] = _keys.IndexOf(arena.Slice(p.KeyStart, p.KeyLength));
            }
        }
    }

    private void Add(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, CellKind kind, long bits)
    {
        if (!_open)
        {
            throw new InvalidOperationException("no open record");
        }

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
        _pending.Add((keyStart, key.Length, valueStart, value.Length, kind, bits));
    }
}
