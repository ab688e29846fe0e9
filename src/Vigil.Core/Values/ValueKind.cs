namespace Vigil.Core.Values;

/// <summary>The closed set of cell kinds. Declaration order is the cross-kind total order (reference §2.1).</summary>
public enum ValueKind : byte
{
    Null = 0,
    Bool = 1,
    Int = 2,
    Float = 3,
    Str = 4,
}
