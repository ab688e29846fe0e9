namespace Vigil.Core.Columns;

/// <summary>
/// A parsed corpus: equal-length columns in column-major typed storage, with its provenance
/// (the source as given and the id of the parser that produced it).
/// </summary>
public sealed class RecordSet
{
    public RecordSet(string source, string format, IReadOnlyList<Column> columns)
    {
        Source = source;
        Format = format;
        Columns = columns;
        int rows = columns.Count == 0 ? 0 : columns[0].Length;
        foreach (Column c in columns)
        {
            if (c.Length != rows)
            {
                throw new ArgumentException($"column '{c.Name}' has {c.Length} rows, expected {rows}", nameof(columns));
            }
        }

        Rows = rows;
    }

    public string Source { get; }

    public string Format { get; }

    public IReadOnlyList<Column> Columns { get; }

    /// <summary>Length of the first column, or 0 when there are none.</summary>
    public int Rows { get; }

    /// <summary>The first column with this name (CSV may repeat names), or null.</summary>
    public Column? Find(string name)
    {
        foreach (Column c in Columns)
        {
            if (string.Equals(c.Name, name, StringComparison.Ordinal))
            {
                return c;
            }
        }

        return null;
    }

    /// <summary>Keeps the named columns in the corpus's original order.</summary>
    public RecordSet Select(IEnumerable<string> names)
    {
        var keep = new HashSet<string>(names, StringComparer.Ordinal);
        return new RecordSet(Source, Format, Columns.Where(c => keep.Contains(c.Name)).ToArray());
    }

    /// <summary>Drops the named columns, keeping the rest in order.</summary>
    public RecordSet Without(IEnumerable<string> names)
    {
        var drop = new HashSet<string>(names, StringComparer.Ordinal);
        return new RecordSet(Source, Format, Columns.Where(c => !drop.Contains(c.Name)).ToArray());
    }
}
