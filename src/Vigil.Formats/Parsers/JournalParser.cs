using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Vigil.Core.Columns;
using Vigil.Core.Values;

namespace Vigil.Formats.Parsers;

/// <summary>
/// systemd journal exports (reference §5.3.12), both <c>journalctl -o json</c> (one object per entry, one per line or
/// pretty-printed as <c>-o json-pretty</c> writes them; string values inferred, so <c>__REALTIME_TIMESTAMP</c> and
/// <c>PRIORITY</c> become Int; other values via json_to_value) and
/// <c>journalctl -o export</c> (<c>KEY=value</c> lines, entries separated by a blank line, binary fields as
/// <c>KEY\n</c> + 64-bit little-endian length + bytes; values inferred, non-UTF-8 binary as lowercase hex).
/// Vigil addition: <c>__REALTIME_TIMESTAMP_epoch</c> (float seconds from the microsecond stamp).
/// </summary>
internal sealed class JournalParser : IDocumentFormatParser
{
    private const string FormatId = "journal";
    private const string Realtime = "__REALTIME_TIMESTAMP";
    private static readonly string[] MarkerKeys = ["__REALTIME_TIMESTAMP", "__CURSOR", "_SYSTEMD_UNIT"];

    public string Id => FormatId;

    public IReadOnlyList<string> Extensions { get; } = [];

    public SniffConfidence Sniff(ReadOnlySpan<byte> data)
    {
        if (SniffText.LooksUtf8(data) && SniffText.TryFirstNonBlankLine(data, out ReadOnlySpan<byte> first) && IsExportField(first))
        {
            return SniffConfidence.Strong;
        }

        using JsonDocument? doc = JsonLines.FirstValueObject(data);
        if (doc is not null)
        {
            foreach (string key in MarkerKeys)
            {
                if (doc.RootElement.TryGetProperty(key, out _))
                {
                    return SniffConfidence.Strong;
                }
            }
        }

        return SniffConfidence.None;
    }

    public IReadOnlyList<Column> Parse(ReadOnlyMemory<byte> data)
    {
        var table = new TableBuilder();
        if (SniffText.TryFirstNonBlankLine(data.Span, out ReadOnlySpan<byte> first) && IsExportField(first))
        {
            ParseExport(data.Span, table);
        }
        else
        {
            JsonLines.ForEachValue(data, FormatId, (root, line) =>
            {
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw new FormatParseException(FormatId, "expected a JSON object per entry", line);
                }

                table.BeginRecord();
                foreach (JsonProperty p in root.EnumerateObject())
                {
                    Value v = p.Value.ValueKind == JsonValueKind.String ? TypeInference.InferScalar(p.Value.GetString()) : JsonLines.ToValue(p.Value);
                    SetField(table, p.Name, v);
                }

                table.EndRecord();
            });
        }

        return table.Build();
    }

    private static void SetField(TableBuilder table, string key, Value value)
    {
        table.Set(key, value);
        if (key == Realtime && value.Kind == Core.Values.ValueKind.Int)
        {
            table.Set(Realtime + "_epoch", Value.FromFloat(value.AsInt / 1e6));
        }
    }

    /// <summary>The export format's first line of an entry: <c>__CURSOR=</c>, <c>__REALTIME_TIMESTAMP=</c> or <c>_SYSTEMD_UNIT=</c>.</summary>
    private static bool IsExportField(ReadOnlySpan<byte> line)
    {
        foreach (string key in MarkerKeys)
        {
            if (line.Length > key.Length && line[key.Length] == (byte)'=' && Encoding.ASCII.GetString(line[..key.Length]) == key)
            {
                return true;
            }
        }

        return false;
    }

    private static void ParseExport(ReadOnlySpan<byte> data, TableBuilder table)
    {
        data = TextInput.WithoutBom(data);
        int pos = 0;
        int line = 1;
        bool open = false;
        while (pos < data.Length)
        {
            int nl = data[pos..].IndexOf((byte)'\n');
            ReadOnlySpan<byte> text = nl < 0 ? data[pos..] : data.Slice(pos, nl);
            int next = nl < 0 ? data.Length : pos + nl + 1;
            if (text.IsEmpty || (text.Length == 1 && text[0] == (byte)'\r'))
            {
                if (open)
                {
                    table.EndRecord();
                    open = false;
                }

                pos = next;
                line++;
                continue;
            }

            if (!open)
            {
                table.BeginRecord();
                open = true;
            }

            int eq = text.IndexOf((byte)'=');
            if (eq > 0)
            {
                ReadOnlySpan<byte> value = text[(eq + 1)..];
                if (!Utf8.IsValid(text))
                {
                    throw new FormatParseException(FormatId, "invalid UTF-8 in a text field", line);
                }

                SetField(table, Encoding.UTF8.GetString(text[..eq]), TypeInference.InferScalar(Encoding.UTF8.GetString(value).TrimEnd('\r')));
                pos = next;
                line++;
                continue;
            }

            // Binary field: KEY\n, 8-byte little-endian length, the bytes, then \n.
            if (eq == 0 || text.IsEmpty || nl < 0 || !Utf8.IsValid(text))
            {
                throw new FormatParseException(FormatId, "expected KEY=value or a binary field", line);
            }

            string key = Encoding.UTF8.GetString(text);
            int lengthAt = next;
            if (data.Length - lengthAt < 8)
            {
                throw new FormatParseException(FormatId, $"binary field '{key}' is missing its length", line);
            }

            ulong size = BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(lengthAt, 8));
            if (size > (ulong)(data.Length - lengthAt - 8))
            {
                throw new FormatParseException(FormatId, $"binary field '{key}' is truncated", line);
            }

            ReadOnlySpan<byte> payload = data.Slice(lengthAt + 8, (int)size);
            Value v = Utf8.IsValid(payload) ? TypeInference.InferScalar(Encoding.UTF8.GetString(payload)) : Value.FromString(Convert.ToHexStringLower(payload));
            SetField(table, key, v);
            line += 1 + data.Slice(lengthAt, 8 + (int)size).Count((byte)'\n');
            pos = lengthAt + 8 + (int)size;
            if (pos < data.Length && data[pos] == (byte)'\n')
            {
                pos++;
                line++;
            }
        }

        if (open)
        {
            table.EndRecord();
        }
    }
}
