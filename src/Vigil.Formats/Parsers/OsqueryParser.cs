using System.Text.Json;
using Vigil.Formats.Engine;
using Vigil.Formats.Json;

namespace Vigil.Formats.Parsers;

/// <summary>
/// osquery result logs (reference §5.3.13). Per line: metadata = every key except <c>columns</c>/<c>snapshot</c>
/// (json_to_value); a <c>columns</c> object gives one row with <c>columns.&lt;k&gt;</c> (strings inferred); a
/// <c>snapshot</c> array gives one row per object element, also as <c>columns.&lt;k&gt;</c>, with the metadata
/// replicated; otherwise the metadata alone. Vigil addition: <c>unixTime_epoch</c> (float seconds) from
/// <c>unixTime</c>, which osquery writes as a string.
/// </summary>
internal sealed class OsqueryParser : ILineFormatParser
{
    private const string FormatId = "osquery";

    public string Id => FormatId;

    public IReadOnlyList<string> Extensions { get; } = [];

    public SniffConfidence Sniff(ReadOnlySpan<byte> data)
    {
        using JsonDocument? doc = JsonLines.FirstLineObject(data);
        if (doc is null || !doc.RootElement.TryGetProperty("hostIdentifier", out _))
        {
            return SniffConfidence.None;
        }

        JsonElement root = doc.RootElement;
        return (root.TryGetProperty("columns", out JsonElement c) && c.ValueKind == JsonValueKind.Object)
            || (root.TryGetProperty("snapshot", out JsonElement s) && s.ValueKind == JsonValueKind.Array)
            ? SniffConfidence.Strong
            : SniffConfidence.None;
    }

    public void ParseLine(ReadOnlySpan<byte> line, ColumnSink sink)
    {
        if (SniffText.IsBlank(line))
        {
            return;
        }

        JsonLineReader.ReadObject(line, FormatId, sink, AddRecords);
    }

    /// <summary>The line's records; <paramref name="reader"/> is on the root <c>{</c> and is left there (the caller reads on to validate).</summary>
    private static void AddRecords(ReadOnlySpan<byte> line, ref Utf8JsonReader reader, ColumnSink sink, JsonScratch scratch)
    {
        // Where the last 'columns' and 'snapshot' members start (an object lookup takes the last of a repeated key).
        Utf8JsonReader root = reader;
        int columns = -1, snapshot = -1;
        JsonTokenType columnsKind = JsonTokenType.None, snapshotKind = JsonTokenType.None;
        while (root.Read() && root.TokenType == JsonTokenType.PropertyName)
        {
            bool isColumns = root.ValueTextEquals("columns"u8);
            bool isSnapshot = root.ValueTextEquals("snapshot"u8);
            root.Read();
            if (isColumns)
            {
                (columns, columnsKind) = ((int)root.TokenStartIndex, root.TokenType);
            }
            else if (isSnapshot)
            {
                (snapshot, snapshotKind) = ((int)root.TokenStartIndex, root.TokenType);
            }

            root.Skip();
        }

        if (columnsKind == JsonTokenType.StartObject)
        {
            sink.BeginRecord();
            SetMetadata(line, sink, scratch);
            var values = new Utf8JsonReader(line[columns..], JsonValueReader.Options);
            values.Read();
            SetColumns(ref values, sink, scratch);
            sink.EndRecord();
        }
        else if (snapshotKind == JsonTokenType.StartArray)
        {
            var rows = new Utf8JsonReader(line[snapshot..], JsonValueReader.Options);
            rows.Read();
            while (rows.Read() && rows.TokenType != JsonTokenType.EndArray)
            {
                if (rows.TokenType != JsonTokenType.StartObject)
                {
                    rows.Skip();
                    continue;
                }

                sink.BeginRecord();
                SetMetadata(line, sink, scratch);
                SetColumns(ref rows, sink, scratch);
                sink.EndRecord();
            }
        }
        else
        {
            sink.BeginRecord();
            SetMetadata(line, sink, scratch);
            sink.EndRecord();
        }
    }

    /// <summary>Every root member but <c>columns</c>/<c>snapshot</c> via json_to_value, plus <c>unixTime_epoch</c>.</summary>
    private static void SetMetadata(ReadOnlySpan<byte> line, ColumnSink sink, JsonScratch scratch)
    {
        var reader = new Utf8JsonReader(line, JsonValueReader.Options);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("columns"u8) || reader.ValueTextEquals("snapshot"u8))
            {
                reader.Read();
                reader.Skip();
                continue;
            }

            bool unixTime = reader.ValueTextEquals("unixTime"u8);
            int mark = scratch.PushKey(JsonCells.String(ref reader, scratch));
            reader.Read();
            double? epoch = null;
            if (unixTime)
            {
                epoch = reader.TokenType switch
                {
                    JsonTokenType.Number when reader.TryGetDouble(out double d) && double.IsFinite(d) => d,
                    JsonTokenType.String when TypeInference.TryParseRustFiniteFloat(JsonCells.String(ref reader, scratch), out double d) => d,
                    _ => null,
                };
            }

            JsonCells.Set(ref reader, scratch.Key, sink, scratch, JsonCells.OutOfRange.Null);
            scratch.PopKey(mark);
            if (epoch is double e)
            {
                sink.SetFloat("unixTime_epoch"u8, e);
            }
        }
    }

    /// <summary>An object's members as <c>columns.&lt;k&gt;</c>: strings inferred, other values via json_to_value.</summary>
    private static void SetColumns(ref Utf8JsonReader reader, ColumnSink sink, JsonScratch scratch)
    {
        int prefix = scratch.PushKey("columns."u8);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            int mark = scratch.PushKey(JsonCells.String(ref reader, scratch));
            reader.Read();
            JsonCells.Set(ref reader, scratch.Key, sink, scratch, JsonCells.OutOfRange.Null, inferStrings: true);
            scratch.PopKey(mark);
        }

        scratch.PopKey(prefix);
    }
}
