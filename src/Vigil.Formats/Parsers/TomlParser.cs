using System.Text;
using Tomlyn;
using Tomlyn.Model;
using Vigil.Core.Columns;
using Vigil.Core.Values;

using Vigil.Formats.Engine;

namespace Vigil.Formats.Parsers;

/// <summary>
/// TOML documents as one row (reference §5.3.5): strings, integers and booleans map directly; floats are Float or
/// Null when non-finite; datetimes become their RFC 3339 text; arrays and tables become compact JSON Str, tables
/// with sorted keys (e.g. <c>server</c> → <c>{"host":"localhost","port":8080}</c>).
/// </summary>
internal sealed class TomlParser : IDocumentFormatParser
{
    private const string FormatId = "toml";
    private const int MaxDepth = 128;

    public string Id => FormatId;

    public IReadOnlyList<string> Extensions { get; } = ["toml"];

    public SniffConfidence Sniff(ReadOnlySpan<byte> data)
    {
        if (!System.Text.Unicode.Utf8.IsValid(data))
        {
            return SniffConfidence.None;
        }

        if (!FirstStatementCouldBeToml(TextInput.WithoutBom(data)))
        {
            return SniffConfidence.None;
        }

        try
        {
            TomlTable? table = TomlSerializer.Deserialize(Encoding.UTF8.GetString(TextInput.WithoutBom(data)), TomlModelContext.Default.TomlTable);
            return table is { Count: > 0 } ? SniffConfidence.Strong : SniffConfidence.None;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Any library failure means "not TOML"; a sniff never throws.
            return SniffConfidence.None;
        }
    }

    /// <summary>
    /// A cheap necessary condition, checked on the bytes so that CSV and other large inputs are rejected without
    /// decoding them: in TOML the first line that is not blank (spaces, tabs) or a comment is a table header
    /// (<c>[</c>…) or a key/value pair, whose key, '=' and value share one line. False means the full parse would fail.
    /// </summary>
    private static bool FirstStatementCouldBeToml(ReadOnlySpan<byte> data)
    {
        if (TextInput.WithoutBom(data).Length != data.Length)
        {
            return true; // a second BOM, which the TOML library may skip: leave the verdict to it
        }

        var lines = new Utf8LineSplitter(data);
        while (lines.MoveNext(out ReadOnlySpan<byte> line))
        {
            ReadOnlySpan<byte> statement = line.TrimStart(" \t"u8);
            if (statement.IsEmpty || statement[0] == (byte)'#')
            {
                continue;
            }

            return statement[0] == (byte)'[' || statement.IndexOf((byte)'=') >= 0;
        }

        return true;
    }

    public IReadOnlyList<Column> Parse(ReadOnlyMemory<byte> data)
    {
        string text = TextInput.Decode(data, FormatId);
        TomlTable? document;
        try
        {
            document = TomlSerializer.Deserialize(text, TomlModelContext.Default.TomlTable);
        }
        catch (TomlException e)
        {
            string message = e.Message;
            int at = message.IndexOf(" : error : ", StringComparison.Ordinal);
            throw new FormatParseException(FormatId, at >= 0 ? message[(at + 11)..] : message, Math.Max(1, e.Line ?? 1));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new FormatParseException(FormatId, e.Message, 1);
        }

        var table = new TableBuilder();
        table.BeginRecord();
        foreach (KeyValuePair<string, object> kv in document ?? [])
        {
            table.Set(kv.Key, ToValue(kv.Value));
        }

        table.EndRecord();
        return table.Build();
    }

    private static Value ToValue(object? value) => value switch
    {
        null => Value.Null,
        string s => Value.FromString(s),
        long i => Value.FromInt(i),
        bool b => Value.FromBool(b),
        double d => Value.FromFiniteOrNull(d),
        TomlDateTime dt => Value.FromString(dt.ToString()),
        _ => Value.FromString(Canonical(value)),
    };

    private static string Canonical(object value)
    {
        var sb = new StringBuilder();
        Write(value, sb, 0);
        return sb.ToString();
    }

    private static void Write(object? value, StringBuilder sb, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new FormatParseException(FormatId, $"nesting deeper than {MaxDepth} levels", 1);
        }

        switch (value)
        {
            case TomlTable t:
                sb.Append('{');
                bool first = true;
                foreach (string key in t.Keys.Order(StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        sb.Append(',');
                    }

                    first = false;
                    JsonValueReader.WriteString(key, sb);
                    sb.Append(':');
                    Write(t[key], sb, depth + 1);
                }

                sb.Append('}');
                break;
            case System.Collections.IEnumerable list and not string:
                sb.Append('[');
                bool firstItem = true;
                foreach (object? item in list)
                {
                    if (!firstItem)
                    {
                        sb.Append(',');
                    }

                    firstItem = false;
                    Write(item, sb, depth + 1);
                }

                sb.Append(']');
                break;
            case string s:
                JsonValueReader.WriteString(s, sb);
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            default:
                Value v = ToValue(value);
                if (v.Kind == Core.Values.ValueKind.Str)
                {
                    JsonValueReader.WriteString(v.AsString, sb);
                }
                else
                {
                    JsonValueReader.WriteNumber(v, sb);
                }

                break;
        }
    }
}
