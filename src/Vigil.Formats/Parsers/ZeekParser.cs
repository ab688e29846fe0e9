using System.Globalization;
using Vigil.Core.Columns;
using Vigil.Core.Roles;

namespace Vigil.Formats.Parsers;

/// <summary>
/// Zeek TSV logs (reference §5.3.8): <c>#separator</c> (with <c>\xHH</c>), <c>#fields</c> names the columns in
/// order, <c>#unset_field</c> (default <c>-</c>) is Null, <c>#empty_field</c> (default <c>(empty)</c>) is "";
/// values are inferred, short rows padded with Null, extra values dropped. Code-like columns (responder port, DNS
/// qtype/qclass/rcode, HTTP status) are kept as strings with a categorical role hint so their mix feeds χ².
/// </summary>
internal sealed class ZeekParser : IDocumentFormatParser
{
    /// <summary>Numeric-looking codes that are categories, not measurements.</summary>
    internal static readonly HashSet<string> CategoricalFields = new(StringComparer.Ordinal)
    {
        "id.resp_p", "qtype", "qclass", "rcode", "status_code",
    };

    public string Id => "zeek";

    public IReadOnlyList<string> Extensions { get; } = [];

    public SniffConfidence Sniff(ReadOnlySpan<byte> data) =>
        SniffText.TrimStart(TextInput.WithoutBom(data)).StartsWith("#separator"u8) && SniffText.LooksUtf8(data)
            ? SniffConfidence.Strong
            : SniffConfidence.None;

    public IReadOnlyList<Column> Parse(ReadOnlyMemory<byte> data)
    {
        string text = TextInput.Decode(data, Id);
        char separator = '\t';
        string unset = "-";
        string empty = "(empty)";
        string[]? names = null;
        ColumnBuilder[]? columns = null;
        bool[]? categorical = null;
        var lines = new LineSplitter(text);
        while (lines.MoveNext(out ReadOnlySpan<char> line))
        {
            if (line.IsEmpty)
            {
                continue;
            }

            if (line[0] == '#')
            {
                if (line.StartsWith("#separator"))
                {
                    separator = ParseSeparator(line["#separator".Length..].TrimStart(' '));
                    continue;
                }

                int sep = line.IndexOf(separator);
                ReadOnlySpan<char> directive = sep < 0 ? line : line[..sep];
                ReadOnlySpan<char> rest = sep < 0 ? [] : line[(sep + 1)..];
                if (directive.SequenceEqual("#fields"))
                {
                    string[] fields = Split(rest, separator);
                    if (names is not null)
                    {
                        if (!fields.AsSpan().SequenceEqual(names))
                        {
                            throw new FormatParseException(Id, "a second #fields header with different fields", lines.LineNumber);
                        }

                        continue;
                    }

                    names = fields;
                    columns = new ColumnBuilder[names.Length];
                    categorical = new bool[names.Length];
                    for (int i = 0; i < names.Length; i++)
                    {
                        columns[i] = new ColumnBuilder(names[i], 1024);
                        categorical[i] = CategoricalFields.Contains(names[i]);
                    }
                }
                else if (directive.SequenceEqual("#unset_field"))
                {
                    unset = rest.ToString();
                }
                else if (directive.SequenceEqual("#empty_field"))
                {
                    empty = rest.ToString();
                }

                continue;
            }

            if (columns is null)
            {
                throw new FormatParseException(Id, "data row before #fields header", lines.LineNumber);
            }

            int col = 0;
            ReadOnlySpan<char> remaining = line;
            while (col < columns.Length)
            {
                int next = remaining.IndexOf(separator);
                ReadOnlySpan<char> value = next < 0 ? remaining : remaining[..next];
                if (value.SequenceEqual(unset))
                {
                    columns[col].AppendNull();
                }
                else if (value.SequenceEqual(empty))
                {
                    columns[col].AppendString(string.Empty);
                }
                else if (categorical![col] && !value.IsEmpty)
                {
                    columns[col].AppendString(value);
                }
                else
                {
                    TypeInference.AppendInferred(columns[col], value);
                }

                col++;
                if (next < 0)
                {
                    break;
                }

                remaining = remaining[(next + 1)..];
            }

            for (; col < columns.Length; col++)
            {
                columns[col].AppendNull();
            }
        }

        if (columns is null)
        {
            throw new FormatParseException(Id, "missing #fields header");
        }

        var result = new Column[columns.Length];
        for (int i = 0; i < result.Length; i++)
        {
            Column c = columns[i].Build();
            result[i] = categorical![i] ? c.WithRoleHint(ColumnRole.Categorical) : c;
        }

        return result;
    }

    /// <summary><c>\xHH</c> is a hex byte; otherwise the first character; tab when nothing is given.</summary>
    private static char ParseSeparator(ReadOnlySpan<char> token)
    {
        token = token.TrimEnd();
        if (token.Length >= 4 && token[0] == '\\' && token[1] == 'x'
            && byte.TryParse(token[2..4], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out byte b))
        {
            return (char)b;
        }

        return token.IsEmpty ? '\t' : token[0];
    }

    private static string[] Split(ReadOnlySpan<char> s, char separator)
    {
        var parts = new List<string>();
        foreach (Range r in s.Split(separator))
        {
            parts.Add(s[r].ToString());
        }

        return [.. parts];
    }
}
