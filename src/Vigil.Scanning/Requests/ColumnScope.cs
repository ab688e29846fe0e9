namespace Vigil.Scanning.Requests;

/// <summary><c>--columns</c> / <c>--exclude</c>: at most one is set; null means every column.</summary>
/// <param name="Columns">Analyze only these columns (each must exist in the current corpus).</param>
/// <param name="Exclude">Analyze every column except these.</param>
public readonly record struct ColumnScope(IReadOnlyList<string>? Columns, IReadOnlyList<string>? Exclude)
{
    public static ColumnScope All => default;
}
