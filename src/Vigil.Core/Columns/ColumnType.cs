namespace Vigil.Core.Columns;

/// <summary>A column's type: the fold of its cells' types under <see cref="ColumnTypes.Unify"/> (reference §2.2).</summary>
public enum ColumnType : byte
{
    Unknown,
    Bool,
    Int,
    Float,
    Str,
    Mixed,
}

/// <summary>Operations on <see cref="ColumnType"/>.</summary>
public static class ColumnTypes
{
    /// <summary>Unknown is the identity; equal stays; Int+Float → Float; any other disagreement → Mixed.</summary>
    public static ColumnType Unify(this ColumnType a, ColumnType b)
    {
        if (a == ColumnType.Unknown)
        {
            return b;
        }

        if (b == ColumnType.Unknown || a == b)
        {
            return a;
        }

        if ((a == ColumnType.Int && b == ColumnType.Float) || (a == ColumnType.Float && b == ColumnType.Int))
        {
            return ColumnType.Float;
        }

        return ColumnType.Mixed;
    }

    /// <summary>Int, Float and Bool are numeric; Unknown, Str and Mixed are not.</summary>
    public static bool IsNumeric(this ColumnType type) => type is ColumnType.Int or ColumnType.Float or ColumnType.Bool;

    /// <summary>Lowercase JSON token.</summary>
    public static string ToToken(this ColumnType type) => type switch
    {
        ColumnType.Unknown => "unknown",
        ColumnType.Bool => "bool",
        ColumnType.Int => "int",
        ColumnType.Float => "float",
        ColumnType.Str => "str",
        _ => "mixed",
    };

    /// <summary>Capitalised form (Rust <c>Debug</c>), used in one reason string.</summary>
    public static string ToDebugName(this ColumnType type) => type switch
    {
        ColumnType.Unknown => "Unknown",
        ColumnType.Bool => "Bool",
        ColumnType.Int => "Int",
        ColumnType.Float => "Float",
        ColumnType.Str => "Str",
        _ => "Mixed",
    };
}
