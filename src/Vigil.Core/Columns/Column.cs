using Vigil.Core.Values;

namespace Vigil.Core.Columns;

/// <summary>
/// One named, immutable column in typed storage: a 64-bit payload per cell (the integer, 0/1, the IEEE bits of a
/// float, or a code into the column's string dictionary), plus either a null bitmap (homogeneous columns) or a
/// kind byte per cell (columns holding more than one kind of non-null cell). No object is allocated per cell.
/// </summary>
public sealed partial class Column
{
    private readonly long[] _payload;
    private readonly ulong[]? _nullBits;
    private readonly byte[]? _kinds;
    private readonly string[] _strings;
    // The kind of every non-null cell when the column is homogeneous (no per-cell kinds).
    private readonly ValueKind _uniformKind;

    // Set while the payload is rented from ArrayPool (a batch column the assembler will return).
    private bool _pooled;

    internal Column(string name, ColumnType type, int length, int nullCount, long[] payload, ulong[]? nullBits, byte[]? kinds, string[] strings, Roles.ColumnRole? roleHint = null, bool pooled = false)
    {
        _pooled = pooled;
        Name = name;
        RoleHint = roleHint;
        Type = type;
        Length = length;
        NullCount = nullCount;
        _payload = payload;
        _nullBits = nullBits;
        _kinds = kinds;
        _strings = strings;
        _uniformKind = type switch
        {
            ColumnType.Bool => ValueKind.Bool,
            ColumnType.Int => ValueKind.Int,
            ColumnType.Float => ValueKind.Float,
            ColumnType.Str => ValueKind.Str,
            _ => ValueKind.Null,
        };
    }

    public string Name { get; }

    /// <summary>Always the fold of the cells' types.</summary>
    public ColumnType Type { get; }

    public int Length { get; }

    public int NullCount { get; }

    /// <summary>
    /// A parser's statement of what the column is, overriding name-based role rules (not constancy). Used for
    /// ids that are really categories (e.g. <c>signature_id</c>), which the name rules would hide from χ².
    /// </summary>
    public Roles.ColumnRole? RoleHint { get; }

    /// <summary>Distinct strings of this column in first-seen order; <see cref="StringCode"/> indexes it.</summary>
    public IReadOnlyList<string> Strings => _strings;

    public Value this[int row] => KindAt(row) switch
    {
        ValueKind.Null => Value.Null,
        ValueKind.Bool => Value.FromBool(_payload[row] != 0),
        ValueKind.Int => Value.FromInt(_payload[row]),
        ValueKind.Float => Value.FromFloat(BitConverter.Int64BitsToDouble(_payload[row])),
        _ => Value.FromString(_strings[_payload[row]]),
    };

    public ValueKind KindAt(int row)
    {
        if ((uint)row >= (uint)Length)
        {
            throw new ArgumentOutOfRangeException(nameof(row));
        }

        if (_kinds is not null)
        {
            return (ValueKind)_kinds[row];
        }

        if (_nullBits is not null && (_nullBits[row >> 6] & (1UL << row)) != 0)
        {
            return ValueKind.Null;
        }

        return _uniformKind;
    }

    public bool IsNull(int row) => KindAt(row) == ValueKind.Null;

    /// <summary>Code of a Str cell into <see cref="Strings"/>; -1 for any other kind.</summary>
    public int StringCode(int row) => KindAt(row) == ValueKind.Str ? (int)_payload[row] : -1;

    /// <summary>Numeric projection of one cell (Int, Float, Bool); false for Null and Str.</summary>
    public bool TryGetDouble(int row, out double value)
    {
        switch (KindAt(row))
        {
            case ValueKind.Int:
                value = _payload[row];
                return true;
            case ValueKind.Float:
                value = BitConverter.Int64BitsToDouble(_payload[row]);
                return true;
            case ValueKind.Bool:
                value = _payload[row] != 0 ? 1.0 : 0.0;
                return true;
            default:
                value = 0;
                return false;
        }
    }

    /// <summary>The finite numeric projections in row order; Nulls, Str and non-finite values are dropped (reference <c>numeric()</c>).</summary>
    public double[] Numeric()
    {
        if (_kinds is null && _nullBits is null && _uniformKind is ValueKind.Int or ValueKind.Float)
        {
            // Homogeneous and null-free: read the payload directly.
            var direct = new double[Length];
            int m = 0;
            for (int row = 0; row < Length; row++)
            {
                double v = _uniformKind == ValueKind.Int ? _payload[row] : BitConverter.Int64BitsToDouble(_payload[row]);
                if (double.IsFinite(v))
                {
                    direct[m++] = v;
                }
            }

            return m == Length ? direct : direct[..m];
        }

        var result = new double[Length - NullCount];
        int n = 0;
        for (int row = 0; row < Length; row++)
        {
            if (TryGetDouble(row, out double v) && double.IsFinite(v))
            {
                result[n++] = v;
            }
        }

        return n == result.Length ? result : result[..n];
    }

    /// <summary>A copy of this column under another name (same storage, shared: columns are immutable).</summary>
    public Column Rename(string name) => new(name, Type, Length, NullCount, _payload, _nullBits, _kinds, _strings, RoleHint);

    /// <summary>The same column carrying a role hint.</summary>
    public Column WithRoleHint(Roles.ColumnRole? hint) => new(Name, Type, Length, NullCount, _payload, _nullBits, _kinds, _strings, hint);

    public override string ToString() => $"{Name}: {Type.ToToken()}[{Length}]";

    // Raw storage for bulk copies (batch assembly); the arrays may be longer than Length.
    internal long[] StoragePayload => _payload;

    internal ulong[]? StorageNullBits => _nullBits;

    internal byte[]? StorageKinds => _kinds;

    internal ValueKind StorageUniformKind => _uniformKind;

    /// <summary>Returns a rented payload to the pool; the column must not be read afterwards (batch columns only).</summary>
    internal void ReturnPooledStorage()
    {
        if (_pooled)
        {
            _pooled = false;
            System.Buffers.ArrayPool<long>.Shared.Return(_payload);
        }
    }
}
