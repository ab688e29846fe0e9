using System.Globalization;

namespace Vigil.Core.Handles;

/// <summary>
/// A stable pointer into a corpus (reference §2.8): <c>col:NAME</c>, <c>cell:COL:ROW</c>,
/// <c>range:COL:START:END</c> (half-open), <c>dist:COL</c>, <c>row:N</c>. Equality is structural.
/// </summary>
public readonly record struct Handle(HandleKind Kind, string Column, long Row, long Start, long End)
{
    public static Handle ForColumn(string name) => new(HandleKind.Column, name, 0, 0, 0);

    public static Handle ForCell(string column, long row) => new(HandleKind.Cell, column, row, 0, 0);

    public static Handle ForRange(string column, long start, long end) => new(HandleKind.Range, column, 0, start, end);

    public static Handle ForDist(string column) => new(HandleKind.Dist, column, 0, 0, 0);

    public static Handle ForRow(long row) => new(HandleKind.Row, string.Empty, row, 0, 0);

    /// <summary>The canonical wire string.</summary>
    public override string ToString() => Kind switch
    {
        HandleKind.Column => "col:" + Column,
        HandleKind.Cell => string.Create(CultureInfo.InvariantCulture, $"cell:{Column}:{Row}"),
        HandleKind.Range => string.Create(CultureInfo.InvariantCulture, $"range:{Column}:{Start}:{End}"),
        HandleKind.Dist => "dist:" + Column,
        _ => string.Create(CultureInfo.InvariantCulture, $"row:{Row}"),
    };

    /// <summary>Parses a canonical handle string; false for anything malformed.</summary>
    public static bool TryParse(string text, out Handle handle)
    {
        handle = default;
        int colon = text.IndexOf(':');
        if (colon < 0)
        {
            return false;
        }

        string kind = text[..colon];
        string rest = text[(colon + 1)..];
        switch (kind)
        {
            case "col":
                handle = ForColumn(rest);
                return true;
            case "dist":
                handle = ForDist(rest);
                return true;
            case "row":
                if (!TryUnsigned(rest, out long row))
                {
                    return false;
                }

                handle = ForRow(row);
                return true;
            case "cell":
                {
                    int last = rest.LastIndexOf(':');
                    if (last < 0 || !TryUnsigned(rest[(last + 1)..], out long r))
                    {
                        return false;
                    }

                    handle = ForCell(rest[..last], r);
                    return true;
                }

            case "range":
                {
                    int endColon = rest.LastIndexOf(':');
                    if (endColon < 0)
                    {
                        return false;
                    }

                    int startColon = rest.LastIndexOf(':', endColon - 1 < 0 ? 0 : endColon - 1);
                    if (endColon == 0 || startColon < 0 || startColon == endColon)
                    {
                        return false;
                    }

                    if (!TryUnsigned(rest[(startColon + 1)..endColon], out long start) || !TryUnsigned(rest[(endColon + 1)..], out long end))
                    {
                        return false;
                    }

                    handle = ForRange(rest[..startColon], start, end);
                    return true;
                }

            default:
                return false;
        }
    }

    // Rust usize parse: ASCII digits with an optional leading '+', no whitespace or sign otherwise.
    private static bool TryUnsigned(string s, out long value)
    {
        value = 0;
        ReadOnlySpan<char> span = s;
        if (span.Length > 0 && span[0] == '+')
        {
            span = span[1..];
        }

        if (span.IsEmpty)
        {
            return false;
        }

        foreach (char ch in span)
        {
            if (ch is < '0' or > '9')
            {
                return false;
            }
        }

        return long.TryParse(span, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
