using System.Globalization;
using Vigil.Core.Columns;

namespace Vigil.Core.Values;

/// <summary>
/// One cell value: Null, Bool, Int (i64), Float (f64) or Str. A small struct used at the edges (parsers, explain);
/// columns never store <see cref="Value"/>s, they store typed arrays.
/// </summary>
public readonly struct Value : IEquatable<Value>, IComparable<Value>
{
    private readonly long _bits;
    private readonly string? _text;

    private Value(ValueKind kind, long bits, string? text)
    {
        Kind = kind;
        _bits = bits;
        _text = text;
    }

    public ValueKind Kind { get; }

    public static Value Null => default;

    public bool IsNull => Kind == ValueKind.Null;

    public static Value FromBool(bool value) => new(ValueKind.Bool, value ? 1 : 0, null);

    public static Value FromInt(long value) => new(ValueKind.Int, value, null);

    /// <summary>A float cell. Parsers must not store NaN or ±Inf; use <see cref="FromFiniteOrNull"/> where input may hold them.</summary>
    public static Value FromFloat(double value) => new(ValueKind.Float, BitConverter.DoubleToInt64Bits(value), null);

    /// <summary>Float for finite input, Null otherwise (the reference's rule for binary/typed sources).</summary>
    public static Value FromFiniteOrNull(double value) => double.IsFinite(value) ? FromFloat(value) : Null;

    public static Value FromString(string value) => new(ValueKind.Str, 0, value ?? throw new ArgumentNullException(nameof(value)));

    public bool AsBool => Kind == ValueKind.Bool ? _bits != 0 : throw WrongKind(ValueKind.Bool);

    public long AsInt => Kind == ValueKind.Int ? _bits : throw WrongKind(ValueKind.Int);

    public double AsFloat => Kind == ValueKind.Float ? BitConverter.Int64BitsToDouble(_bits) : throw WrongKind(ValueKind.Float);

    public string AsString => Kind == ValueKind.Str ? _text! : throw WrongKind(ValueKind.Str);

    /// <summary>The cell's own type for column type folding: Null is <see cref="ColumnType.Unknown"/>.</summary>
    public ColumnType CellType => Kind switch
    {
        ValueKind.Bool => ColumnType.Bool,
        ValueKind.Int => ColumnType.Int,
        ValueKind.Float => ColumnType.Float,
        ValueKind.Str => ColumnType.Str,
        _ => ColumnType.Unknown,
    };

    /// <summary>Numeric projection (reference <c>as_f64</c>): Int, Float, Bool → double; Null and Str → none. A Null is never 0.</summary>
    public bool TryAsDouble(out double value)
    {
        switch (Kind)
        {
            case ValueKind.Int:
                value = _bits;
                return true;
            case ValueKind.Float:
                value = BitConverter.Int64BitsToDouble(_bits);
                return true;
            case ValueKind.Bool:
                value = _bits != 0 ? 1.0 : 0.0;
                return true;
            default:
                value = 0;
                return false;
        }
    }

    /// <summary>Raw payload bits (int value, bool 0/1, or IEEE bits of a float); used by column storage.</summary>
    internal long Bits => _bits;

    public bool Equals(Value other) => Kind == other.Kind && _bits == other._bits && string.Equals(_text, other._text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is Value v && Equals(v);

    public override int GetHashCode() => HashCode.Combine(Kind, _bits, _text is null ? 0 : StringComparer.Ordinal.GetHashCode(_text));

    /// <summary>Total order: Null &lt; Bool &lt; Int &lt; Float &lt; Str; natural order within a kind; floats by IEEE total order.</summary>
    public int CompareTo(Value other)
    {
        if (Kind != other.Kind)
        {
            return Kind.CompareTo(other.Kind);
        }

        return Kind switch
        {
            ValueKind.Null => 0,
            ValueKind.Bool or ValueKind.Int => _bits.CompareTo(other._bits),
            ValueKind.Float => TotalOrder.Compare(AsFloat, other.AsFloat),
            _ => string.CompareOrdinal(_text, other._text),
        };
    }

    public static bool operator ==(Value left, Value right) => left.Equals(right);

    public static bool operator !=(Value left, Value right) => !left.Equals(right);

    public override string ToString() => Kind switch
    {
        ValueKind.Null => "null",
        ValueKind.Bool => _bits != 0 ? "true" : "false",
        ValueKind.Int => _bits.ToString(CultureInfo.InvariantCulture),
        ValueKind.Float => AsFloat.ToString("R", CultureInfo.InvariantCulture),
        _ => _text!,
    };

    private InvalidOperationException WrongKind(ValueKind wanted) => new($"value is {Kind}, not {wanted}");
}
