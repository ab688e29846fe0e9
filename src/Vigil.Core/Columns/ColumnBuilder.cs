using System.Buffers;
using System.Text;
using Vigil.Core.Values;

namespace Vigil.Core.Columns;

/// <summary>
/// Appends cells to a growing column and freezes it into a <see cref="Column"/>. While every cell has the same kind
/// only the 64-bit payloads are stored; a per-cell kind array appears with the first cell of another kind (or a
/// null), so a clean numeric column costs 8 bytes a row while it is built.
/// </summary>
public sealed class ColumnBuilder
{
    private const byte NoKind = 0xFF;

    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _codesBySpan;
    private readonly List<string> _strings = [];
    private long[] _payload;
    // Null while all cells share _uniform; then one kind byte per cell.
    private byte[]? _kinds;
    private byte _uniform = NoKind;
    // Created on the first UTF-8 append and kept in step with _strings from then on.
    private Utf8StringTable? _utf8;
    private int _lastUtf8Code = -1;
    private ColumnType _type = ColumnType.Unknown;
    private int _nullCount;
    private int _kindMask;
    // Build hands the arrays to the column, so the builder is closed afterwards.
    private Column? _built;
    private readonly bool _pooled;

    public ColumnBuilder(string name, int capacity = 16)
        : this(name, capacity, pooled: false)
    {
    }

    /// <param name="name">The column name.</param>
    /// <param name="capacity">Cells to reserve.</param>
    /// <param name="pooled">
    /// Rent the payload from <see cref="ArrayPool{T}.Shared"/>: for short-lived batch columns, whose storage
    /// <see cref="RecordBatchAssembler"/> returns once it has copied them (the column must not be read afterwards).
    /// </param>
    public ColumnBuilder(string name, int capacity, bool pooled)
    {
        Name = name;
        _pooled = pooled;
        _payload = pooled ? ArrayPool<long>.Shared.Rent(Math.Max(capacity, 4)) : new long[Math.Max(capacity, 4)];
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
        if (count <= 0)
        {
            return;
        }

        EnsureRoom(count);
        _payload.AsSpan(Length, count).Clear();
        if (Length == 0 || _uniform == (byte)ValueKind.Null)
        {
            _uniform = (byte)ValueKind.Null;
        }
        else
        {
            MaterializeKinds();
            _kinds.AsSpan(Length, count).Fill((byte)ValueKind.Null);
        }

        _kindMask |= 1 << (int)ValueKind.Null;
        _nullCount += count;
        Length += count;
    }

    public void AppendBool(bool value) => Push(ValueKind.Bool, value ? 1 : 0);

    public void AppendInt(long value) => Push(ValueKind.Int, value);

    /// <summary>Appends a float as given; callers keep NaN/±Inf out (see <see cref="Value.FromFiniteOrNull"/>).</summary>
    public void AppendFloat(double value) => Push(ValueKind.Float, BitConverter.DoubleToInt64Bits(value));

    public void AppendString(string value)
    {
        if (!_codes.TryGetValue(value, out int code))
        {
            code = AddNew(value);
        }

        Push(ValueKind.Str, code);
    }

    /// <summary>Appends a string given as a span; allocates only the first time a distinct string is seen.</summary>
    public void AppendString(ReadOnlySpan<char> value)
    {
        if (!_codesBySpan.TryGetValue(value, out int code))
        {
            code = AddNew(value.ToString());
        }

        Push(ValueKind.Str, code);
    }

    /// <summary>Appends a string given as UTF-8 bytes (valid UTF-8); allocates only the first time a distinct string is seen.</summary>
    public void AppendString(ReadOnlySpan<byte> utf8)
    {
        Utf8StringTable table = Utf8Table();
        int code = _lastUtf8Code;
        // Runs of the same value are common in logs and low-cardinality columns: skip the hash for them.
        if (code < 0 || !table[code].SequenceEqual(utf8))
        {
            int before = _strings.Count;
            code = table.GetOrAdd(utf8, _strings);
            if (_strings.Count != before)
            {
                _codes.TryAdd(_strings[code], code);
            }

            _lastUtf8Code = code;
        }

        Push(ValueKind.Str, code);
    }

    /// <summary>Reserves room for <paramref name="rows"/> cells in total, so appends up to there never copy.</summary>
    public void EnsureCapacity(int rows)
    {
        if (rows > _payload.Length)
        {
            Resize(rows);
        }
    }

    /// <summary>
    /// Appends every cell of <paramref name="column"/> (a batch of the same logical column), remapping its string
    /// codes into this builder's dictionary: the result is exactly what appending its cells one by one gives.
    /// </summary>
    public void AppendColumn(Column column)
    {
        int n = column.Length;
        if (n == 0)
        {
            return;
        }

        EnsureRoom(n);
        int[]? remap = null;
        IReadOnlyList<string> strings = column.Strings;
        if (strings.Count > 0)
        {
            remap = new int[strings.Count];
            for (int i = 0; i < remap.Length; i++)
            {
                string s = strings[i];
                if (!_codes.TryGetValue(s, out int code))
                {
                    code = AddNew(s);
                }

                remap[i] = code;
            }
        }

        Span<long> dst = _payload.AsSpan(Length, n);
        column.StoragePayload.AsSpan(0, n).CopyTo(dst);
        byte[]? kinds = column.StorageKinds;
        ulong[]? nullBits = column.StorageNullBits;
        byte uniform = (byte)column.StorageUniformKind;
        if (kinds is null && nullBits is null && (Length == 0 || _uniform == uniform) && _kinds is null)
        {
            // The common case: a clean batch of this column's one kind. No per-cell kinds on either side.
            _uniform = uniform;
            _kindMask |= 1 << uniform;
            if (remap is not null)
            {
                for (int i = 0; i < dst.Length; i++)
                {
                    dst[i] = remap[dst[i]];
                }
            }
        }
        else
        {
            MaterializeKinds();
            Span<byte> dstKinds = _kinds.AsSpan(Length, n);
            if (kinds is not null)
            {
                kinds.AsSpan(0, n).CopyTo(dstKinds);
            }
            else
            {
                dstKinds.Fill(uniform);
                if (nullBits is not null)
                {
                    for (int i = 0; i < n; i++)
                    {
                        if ((nullBits[i >> 6] & (1UL << i)) != 0)
                        {
                            dstKinds[i] = (byte)ValueKind.Null;
                        }
                    }
                }
            }

            for (int i = 0; i < n; i++)
            {
                byte k = dstKinds[i];
                _kindMask |= 1 << k;
                if (k == (byte)ValueKind.Null)
                {
                    dst[i] = 0;
                }
                else if (k == (byte)ValueKind.Str)
                {
                    dst[i] = remap![dst[i]];
                }
            }
        }

        Length += n;
        _nullCount += column.NullCount;
        _type = _type.Unify(column.Type);
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
        bool trim = !_pooled && _payload.Length - n > _payload.Length / 8;
        long[] payload = trim ? _payload[..n] : _payload;
        byte[]? kinds = null;
        ulong[]? nullBits = null;
        // A Float column may hold Int cells too (int+float unify to float): keep per-cell kinds whenever more than
        // one non-null kind occurs, so every cell reads back as exactly the value that was appended.
        if (System.Numerics.BitOperations.PopCount((uint)_kindMask & ~1u) > 1)
        {
            kinds = trim || _kinds!.Length != _payload.Length ? _kinds.AsSpan(0, n).ToArray() : _kinds;
        }
        else if (_nullCount > 0)
        {
            nullBits = new ulong[(n + 63) >> 6];
            for (int i = 0; i < n; i++)
            {
                if (_kinds is null || _kinds[i] == (byte)ValueKind.Null)
                {
                    nullBits[i >> 6] |= 1UL << i;
                }
            }
        }

        _built = new Column(Name, _type, n, _nullCount, payload, nullBits, kinds, [.. _strings], pooled: _pooled);
        _payload = [];
        _kinds = null;
        return _built;
    }

    private int AddNew(string value)
    {
        int code = _strings.Count;
        _codes.Add(value, code);
        _strings.Add(value);
        _utf8?.AddKnownNew(Encoding.UTF8.GetBytes(value));
        return code;
    }

    private Utf8StringTable Utf8Table()
    {
        if (_utf8 is null)
        {
            _utf8 = new Utf8StringTable();
            foreach (string s in _strings)
            {
                _utf8.AddKnownNew(Encoding.UTF8.GetBytes(s));
            }
        }

        return _utf8;
    }

    private void EnsureRoom(int more)
    {
        if (Length + more > _payload.Length)
        {
            if (_built is not null)
            {
                throw new InvalidOperationException($"column '{Name}' was already built");
            }

            Resize((int)Math.Min(Array.MaxLength, Math.Max((long)_payload.Length * 2, (long)Length + more)));
        }
    }

    private void Resize(int capacity)
    {
        if (_pooled)
        {
            long[] grown = ArrayPool<long>.Shared.Rent(capacity);
            _payload.AsSpan(0, Length).CopyTo(grown);
            ArrayPool<long>.Shared.Return(_payload);
            _payload = grown;
        }
        else
        {
            Array.Resize(ref _payload, capacity);
        }

        if (_kinds is not null)
        {
            Array.Resize(ref _kinds, capacity);
        }
    }

    /// <summary>Switches to one kind byte per cell (the cells so far all have the uniform kind).</summary>
    private void MaterializeKinds()
    {
        if (_kinds is null)
        {
            _kinds = new byte[_payload.Length];
            _kinds.AsSpan(0, Length).Fill(_uniform);
        }
    }

    private void Push(ValueKind kind, long bits)
    {
        int at = Length;
        if (at >= _payload.Length)
        {
            EnsureRoom(1);
        }

        _payload[at] = bits;
        Length = at + 1;
        if (_kinds is null)
        {
            if ((byte)kind == _uniform)
            {
                return;
            }

            if (at == 0)
            {
                _uniform = (byte)kind;
                Fold(kind);
                return;
            }

            MaterializeKinds();
        }

        _kinds![at] = (byte)kind;
        if ((_kindMask & (1 << (int)kind)) == 0)
        {
            Fold(kind);
        }
    }

    // The column type depends only on the set of kinds seen: fold each kind in once.
    private void Fold(ValueKind kind)
    {
        _kindMask |= 1 << (int)kind;
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
