using System.Globalization;
using System.Text;
using Vigil.Core.Columns;
using Vigil.Core.Values;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

using Vigil.Formats.Engine;

namespace Vigil.Formats.Parsers;

/// <summary>
/// YAML streams (reference §5.3.4): each document becomes a JSON-like value; a sequence document expands to one row
/// per element, a null or empty document adds no row, anything else is one row (non-mappings in the <c>value</c>
/// column). Nested mappings and sequences become compact JSON Str (keys in document order). Plain scalars resolve by
/// the YAML 1.2 core schema (null, bool, int, float; non-finite floats → Null); quoted scalars are strings; a
/// mapping key that does not resolve to a string is an error.
/// </summary>
internal sealed class YamlParser : IDocumentFormatParser
{
    private const string FormatId = "yaml";
    private const int MaxDepth = 128;

    // Collections above a cell: the root sequence and the record mapping (plus one of slack). Checked on the event
    // stream, before YamlDotNet builds its node tree recursively: 40,000 levels used to overflow the stack.
    private const int MaxParseDepth = MaxDepth + 3;

    // Aliases share nodes, so a tiny document can expand exponentially ("billion laughs"); bound the work instead.
    private const int MaxNodes = 1_000_000;

    public string Id => FormatId;

    public IReadOnlyList<string> Extensions { get; } = ["yaml", "yml"];

    public SniffConfidence Sniff(ReadOnlySpan<byte> data)
    {
        if (!SniffText.LooksUtf8(data))
        {
            return SniffConfidence.None;
        }

        var lines = new Utf8LineSplitter(TextInput.WithoutBom(data));
        while (lines.MoveNext(out ReadOnlySpan<byte> raw))
        {
            ReadOnlySpan<byte> line = SniffText.TrimStart(raw);
            if (line.IsEmpty || line[0] == (byte)'#')
            {
                continue;
            }

            return IsYamlStart(SniffText.Trim(line), line) ? SniffConfidence.Text : SniffConfidence.None;
        }

        return SniffConfidence.None;
    }

    public IReadOnlyList<Column> Parse(ReadOnlyMemory<byte> data)
    {
        string text = TextInput.Decode(data, FormatId);
        var stream = new YamlStream();
        try
        {
            stream.Load(new DepthLimitedParser(new Parser(new StringReader(text))));
        }
        catch (FormatParseException)
        {
            throw;
        }
        catch (YamlException e)
        {
            throw new FormatParseException(FormatId, Describe(e), Math.Max(1, e.Start.Line));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // YamlDotNet can fail with non-YAML exceptions on hostile input; every failure is a parse error.
            throw new FormatParseException(FormatId, e.Message, 1);
        }

        var table = new TableBuilder();
        var converter = new Converter();
        foreach (YamlDocument doc in stream.Documents)
        {
            YamlNode root = doc.RootNode;
            if (root is YamlSequenceNode seq)
            {
                foreach (YamlNode item in seq.Children)
                {
                    AddRecord(table, converter, item);
                }
            }
            else if (!(root is YamlScalarNode s && converter.Scalar(s).IsNull && s.Style == ScalarStyle.Plain))
            {
                AddRecord(table, converter, root);
            }
        }

        return table.Build();
    }

    private static void AddRecord(TableBuilder table, Converter converter, YamlNode node)
    {
        table.BeginRecord();
        if (node is YamlMappingNode map)
        {
            foreach (var (key, value) in map.Children)
            {
                table.Set(converter.Key(key), converter.Cell(value));
            }
        }
        else
        {
            table.Set("value", converter.Cell(node));
        }

        table.EndRecord();
    }

    /// <summary><c>---</c>, <c>--- …</c>, <c>key:</c> / <c>key: …</c> with a bareword key, or a list item <c>-</c> / <c>- …</c>.</summary>
    private static bool IsYamlStart(ReadOnlySpan<byte> trimmed, ReadOnlySpan<byte> line)
    {
        if (trimmed.SequenceEqual("---"u8) || line.StartsWith("--- "u8) || trimmed.SequenceEqual("-"u8) || line.StartsWith("- "u8))
        {
            return true;
        }

        int i = 0;
        while (i < line.Length && (char.IsAsciiLetterOrDigit((char)line[i]) || line[i] is (byte)'.' or (byte)'_' or (byte)'-'))
        {
            i++;
        }

        return i > 0 && i < line.Length && line[i] == (byte)':' && (i + 1 == line.Length || line[i + 1] == (byte)' ' || (i + 2 == line.Length && line[i + 1] == (byte)'\r'));
    }

    private static string Describe(YamlException e)
    {
        string m = e.Message;
        int at = m.IndexOf("): ", StringComparison.Ordinal);
        return at >= 0 && m.StartsWith('(') ? m[(at + 3)..] : m;
    }

    /// <summary>Passes parser events through, refusing a collection nested deeper than <see cref="MaxParseDepth"/>.</summary>
    private sealed class DepthLimitedParser(IParser inner) : IParser
    {
        private int _depth;

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            if (!inner.MoveNext())
            {
                return false;
            }

            ParsingEvent current = inner.Current!;
            if (current is SequenceStart or MappingStart)
            {
                if (++_depth > MaxParseDepth)
                {
                    throw new FormatParseException(FormatId, $"nesting deeper than {MaxDepth} levels", Math.Max(1, current.Start.Line));
                }
            }
            else if (current is SequenceEnd or MappingEnd)
            {
                _depth--;
            }

            return true;
        }
    }

    /// <summary>YAML node → cell / canonical JSON, with depth and work bounds.</summary>
    private sealed class Converter
    {
        private int _nodes;

        public string Key(YamlNode key)
        {
            if (key is YamlScalarNode s)
            {
                Value v = Scalar(s);
                if (v.Kind == Core.Values.ValueKind.Str)
                {
                    return v.AsString;
                }
            }

            throw new FormatParseException(FormatId, "mapping keys must be strings", Math.Max(1, key.Start.Line));
        }

        public Value Cell(YamlNode node)
        {
            if (node is YamlScalarNode s)
            {
                return Scalar(s);
            }

            var sb = new StringBuilder();
            Write(node, sb, 0);
            return Value.FromString(sb.ToString());
        }

        public Value Scalar(YamlScalarNode node)
        {
            Count(node);
            string text = node.Value ?? "";
            if (node.Style != ScalarStyle.Plain || (node.Tag.IsGlobal && node.Tag.Value == "tag:yaml.org,2002:str"))
            {
                return Value.FromString(text);
            }

            switch (text)
            {
                case "" or "~" or "null" or "Null" or "NULL":
                    return Value.Null;
                case "true" or "True" or "TRUE":
                    return Value.FromBool(true);
                case "false" or "False" or "FALSE":
                    return Value.FromBool(false);
                case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" or "-.inf" or "-.Inf" or "-.INF" or ".nan" or ".NaN" or ".NAN":
                    return Value.Null;
            }

            if (TypeInference.TryParseRustInt(text, out long i))
            {
                return Value.FromInt(i);
            }

            if (text.Length > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'o')
                && long.TryParse(text.AsSpan(2), text[1] == 'x' ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out long radix))
            {
                return text[1] == 'x' ? Value.FromInt(radix) : OctalOrString(text);
            }

            return TypeInference.TryParseRustFiniteFloat(text, out double f) ? Value.FromFloat(f) : Value.FromString(text);
        }

        private static Value OctalOrString(string text)
        {
            long value = 0;
            foreach (char c in text.AsSpan(2))
            {
                if (c < '0' || c > '7' || value > (long.MaxValue >> 3))
                {
                    return Value.FromString(text);
                }

                value = (value << 3) | (long)(c - '0');
            }

            return Value.FromInt(value);
        }

        private void Write(YamlNode node, StringBuilder sb, int depth)
        {
            if (depth > MaxDepth)
            {
                throw new FormatParseException(FormatId, $"nesting deeper than {MaxDepth} levels", Math.Max(1, node.Start.Line));
            }

            switch (node)
            {
                case YamlScalarNode s:
                    Value v = Scalar(s);
                    switch (v.Kind)
                    {
                        case Core.Values.ValueKind.Null:
                            sb.Append("null");
                            break;
                        case Core.Values.ValueKind.Bool:
                            sb.Append(v.AsBool ? "true" : "false");
                            break;
                        case Core.Values.ValueKind.Str:
                            JsonValueReader.WriteString(v.AsString, sb);
                            break;
                        default:
                            JsonValueReader.WriteNumber(v, sb);
                            break;
                    }

                    break;
                case YamlSequenceNode seq:
                    Count(node);
                    sb.Append('[');
                    for (int k = 0; k < seq.Children.Count; k++)
                    {
                        if (k > 0)
                        {
                            sb.Append(',');
                        }

                        Write(seq.Children[k], sb, depth + 1);
                    }

                    sb.Append(']');
                    break;
                case YamlMappingNode map:
                    Count(node);
                    sb.Append('{');
                    bool first = true;
                    foreach (var (key, value) in map.Children)
                    {
                        if (!first)
                        {
                            sb.Append(',');
                        }

                        first = false;
                        JsonValueReader.WriteString(Key(key), sb);
                        sb.Append(':');
                        Write(value, sb, depth + 1);
                    }

                    sb.Append('}');
                    break;
                default:
                    sb.Append("null");
                    break;
            }
        }

        private void Count(YamlNode node)
        {
            if (++_nodes > MaxNodes)
            {
                throw new FormatParseException(FormatId, $"document expands to more than {MaxNodes} nodes (alias bomb?)", Math.Max(1, node.Start.Line));
            }
        }
    }
}
