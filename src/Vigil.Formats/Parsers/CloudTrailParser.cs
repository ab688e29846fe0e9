using System.Text.Json;
using Vigil.Core.Columns;
using Vigil.Core.Values;

namespace Vigil.Formats.Parsers;

/// <summary>
/// AWS CloudTrail log files (reference §5.3.10): one row per element of <c>Records</c>. Top-level scalars and arrays
/// become columns via json_to_value; a nested object contributes <c>parent.child</c> columns one level deep (deeper
/// objects as compact JSON Str); <c>eventEpoch</c> is the RFC 3339 <c>eventTime</c> in Unix seconds (Int).
/// </summary>
internal sealed class CloudTrailParser : IDocumentFormatParser
{
    private const string FormatId = "cloudtrail";

    public string Id => FormatId;

    public IReadOnlyList<string> Extensions { get; } = [];

    public SniffConfidence Sniff(ReadOnlySpan<byte> data)
    {
        ReadOnlySpan<byte> body = SniffText.TrimStart(TextInput.WithoutBom(data));
        if (body.IsEmpty || body[0] != (byte)'{' || !System.Text.Unicode.Utf8.IsValid(body))
        {
            return SniffConfidence.None;
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(body.ToArray(), JsonLines.DocumentOptions);
            return doc.RootElement.TryGetProperty("Records", out JsonElement records) && records.ValueKind == JsonValueKind.Array
                && records.GetArrayLength() > 0 && records[0].ValueKind == JsonValueKind.Object && records[0].TryGetProperty("eventName", out _)
                ? SniffConfidence.Strong
                : SniffConfidence.None;
        }
        catch (JsonException)
        {
            return SniffConfidence.None;
        }
    }

    public IReadOnlyList<Column> Parse(ReadOnlyMemory<byte> data)
    {
        TextInput.EnsureUtf8(data.Span, FormatId);
        ReadOnlySpan<byte> body = TextInput.WithoutBom(data.Span);
        var table = new TableBuilder();
        var reader = new Utf8JsonReader(body, JsonValueReader.Options);
        bool sawRecords = false;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new FormatParseException(FormatId, "not a CloudTrail log: expected a JSON object with a 'Records' array", LineAt(body, reader.TokenStartIndex));
            }

            // Stream the records so an error names the line of the record that caused it.
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool records = !sawRecords && reader.ValueTextEquals("Records"u8);
                reader.Read();
                if (!records || reader.TokenType != JsonTokenType.StartArray)
                {
                    reader.Skip();
                    continue;
                }

                sawRecords = true;
                int index = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    int line = LineAt(body, reader.TokenStartIndex);
                    using JsonDocument record = JsonDocument.ParseValue(ref reader);
                    if (record.RootElement.ValueKind != JsonValueKind.Object)
                    {
                        throw new FormatParseException(FormatId, $"Records[{index}] is not an object", line);
                    }

                    JsonLines.Invoke((element, _) => AddRecord(table, element), record.RootElement, line, FormatId);
                    index++;
                }
            }

            while (reader.Read())
            {
                // Reading to the end validates the rest of the document.
            }
        }
        catch (JsonException e)
        {
            throw new FormatParseException(FormatId, JsonValueReader.DescribeError(e), (e.LineNumber ?? 0) + 1);
        }

        if (!sawRecords)
        {
            throw new FormatParseException(FormatId, "not a CloudTrail log: missing 'Records' array", 1);
        }

        return table.Build();
    }

    private static void AddRecord(TableBuilder table, JsonElement record)
    {
        table.BeginRecord();
        foreach (JsonProperty p in record.EnumerateObject())
        {
            if (p.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty child in p.Value.EnumerateObject())
                {
                    table.Set(string.Concat(p.Name, ".", child.Name), JsonLines.ToValue(child.Value));
                }
            }
            else
            {
                table.Set(p.Name, JsonLines.ToValue(p.Value));
            }
        }

        if (JsonLines.GetString(record, "eventTime") is string time && LogTimestamp.TryParseRfc3339(time, out LogTimestamp ts, out int used) && used == time.Length)
        {
            table.Set("eventEpoch", Value.FromInt(ts.UnixSeconds));
        }

        table.EndRecord();
    }

    private static int LineAt(ReadOnlySpan<byte> body, long offset) => body[..(int)Math.Min(offset, body.Length)].Count((byte)'\n') + 1;
}
