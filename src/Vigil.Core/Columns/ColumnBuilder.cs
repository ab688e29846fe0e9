using Vigil.Core.Values;

namespace Vigil.Core.Columns;

/// <summary>Appends cells to a growing column and freezes it into a <see cref="Column"/>.</summary>
public sealed class ColumnBuilder
{
    private long[] _payload;
    private byte[] _kinds;
    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _codesBySpan;
    private readonly List<string> _strings = [];
    private ColumnType _type = ColumnType.Unknown;
    private int _nullCount;
    private int _kindMask;
    // Build hands the arrays to the column, so the builder is closed afterwards.
    private Column? _built;

    public ColumnBuilder(string name, int capacity = 16)
    {
        Name = name;
        capacity = Math.Max(capacity, 4);
        _payload = new long[capacity];
        _kinds = new byte[capacity];
        _codesBySpan = _codes.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string Name { get; }

    public int Length { get; private set; }

    public ColumnType Type => _type;

    public void Append(Value value)
    {
        switch (value.Kind)
        {
            case ValueKind.Null:
                AppendNull();
                break;
            case ValueKind.Str:
                AppendString(value.AsString);
                break;
            default:
                Push(value.Kind, value.Bits);
                break;
        }
    }

    public void AppendNull()
    {
        _nullCount++;
        Push(ValueKind.Null, 0);
    }

    /// <summary>Appends <paramref name="count"/> nulls (back-filling a column first seen late).</summary>
    public void AppendNulls(int count)
    {
        for (int i = 0; i < count; i++)
        {
            AppendNull();
        }
    }

    public void AppendBool(bool value) => Push(ValueKind.Bool, value ? 1 : 0);

    public void AppendInt(long value) => Push(ValueKind.Int, value);

    /// <summary>Appends a float as given; callers keep NaN/±Inf out (see <see cref="Value.FromFiniteOrNull"/>).</summary>
    public void AppendFloat(double value) => Push(ValueKind.Float, BitConverter.DoubleToInt64Bits(value));

    public void AppendString(string value)
    {
        if (!_codes.TryGetValue(value, out int code))
        {
            code = _strings.Count;
            _codes.Add(value, code);
            _strings.Add(value);
        }

        Push(ValueKind.Str, code);
    }

    /// <summary>Appends a string given as a span; allocates only the first time a distinct string is seen.</summary>
    public void AppendString(ReadOnlySpan<char> value)
    {
        if (!_codesBySpan.TryGetValue(value, out int code))
        {
            string s = value.ToString();
            code = _strings.Count;
            _codes.Add(s, code);
            _strings.Add(s);
        }

        Push(ValueKind.Str, code);
    }

    /// <summary>Freezes the cells into a column; the builder accepts no more cells afterwards (Build again returns the same column).</summary>
    public Column Build()
    {
        if (_built is not null)
        {
            return _built;
        }

        int n = Length;
        // Columns index by row < Length, so spare capacity is harmless; trimming costs a full copy, so only
        // trim when more than an eighth of the array would be wasted.
        bool trim = _payload.Length - n > _payload.Length / 8;
        long[] payload = trim ? _payload[..n] : _payload;
        byte[]? kinds = null;
        ulong[]? nullBits = null;
        // A Float column may hold Int cells too (int+float unify to float): keep per-cell kinds whenever more than
        // one non-null kind occurs, so every cell reads back as exactly the value that was appended.
        if (System.Numerics.BitOperations.PopCount((uint)_kindMask & ~1u) > 1)
        {
            kinds = trim ? _kinds[..n] : _kinds;
        }
        else if (_nullCount > 0)
        {
            nullBits = new ulong[(n + 63) >> 6];
            for (int i = 0; i < n; i++)
            {
                if (_kinds[i] == (byte)ValueKind.Null)
                {
                    nullBits[i >> 6] |= 1UL << i;
                }
            }
        }

        _built = new Column(Name, _type, n, _nullCount, payload, nullBits, kinds, [.. _strings]);
        _payload = [];
        _kinds = [];
        return _built;
    }

    private void Push(ValueKind kind, long bits)
    {
        if (Length >= _payload.Length)
        {
            if (_built is not null)
            {
                throw new InvalidOperationException($"column '{Name}' was already built");
            }

            int grown = _payload.Length * 2;
            Array.Resize(ref _payload, grown);
            Array.Resize(ref _kinds, grown);
        }

        _payload[Length] = bits;
        _kinds[Length] = (byte)kind;
        _kindMask |= 1 << (int)kind;
        Length++;
        if (kind != ValueKind.Null)
        {
            _type = _type.Unify(kind switch
            {
                ValueKind.Bool => ColumnType.Bool,
                ValueKind.Int => ColumnType.Int,
                ValueKind.Float => ColumnType.Float,
                _ => ColumnType.Str,
            });
        }
    }
}
