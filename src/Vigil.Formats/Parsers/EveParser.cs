using System.Text.Json;
using Vigil.Core.Roles;
using Vigil.Formats.Engine;
using Vigil.Formats.Json;

namespace Vigil.Formats.Parsers;

/// <summary>
/// Suricata EVE JSON (reference §5.3.11): one row per line, objects flattened recursively with dots
/// (<c>alert.category</c>), arrays as compact JSON Str. Vigil additions: <c>timestamp_epoch</c> (float seconds from
/// <c>timestamp</c>) for cadence, and <c>alert.signature_id</c> as a Str column with a categorical role hint so the
/// signature mix reaches <c>dist.chi2</c>.
/// </summary>
internal sealed class EveParser : ILineFormatParser, IColumnRoleHints
{
    private const string FormatId = "eve";

    public string Id => FormatId;

    public IReadOnlyList<string> Extensions { get; } = [];

    private static ReadOnlySpan<byte> SignatureId => "alert.signature_id"u8;

    public SniffConfidence Sniff(ReadOnlySpan<byte> data)
    {
        using JsonDocument? doc = JsonLines.FirstLineObject(data);
        return doc is not null
            && doc.RootElement.TryGetProperty("event_type", out JsonElement type) && type.ValueKind == JsonValueKind.String
            && doc.RootElement.TryGetProperty("timestamp", out _)
            ? SniffConfidence.Strong
            : SniffConfidence.None;
    }

    public ColumnRole? RoleHint(string column) => column == "alert.signature_id" ? ColumnRole.Categorical : null;

    public void ParseLine(ReadOnlySpan<byte> line, ColumnSink sink)
    {
        if (SniffText.IsBlank(line))
        {
            return;
        }

        JsonLineReader.ReadObject(line, FormatId, sink, AddRecord);
    }

    private static void AddRecord(ReadOnlySpan<byte> line, ref Utf8JsonReader reader, ColumnSink sink, JsonScratch scratch)
    {
        sink.BeginRecord();
        double? epoch = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            bool timestamp = reader.ValueTextEquals("timestamp"u8);
            int mark = scratch.PushKey(JsonCells.String(ref reader, scratch));
            reader.Read();
            if (timestamp)
            {
                // The last 'timestamp' member decides, as a JSON object lookup would.
                epoch = reader.TokenType == JsonTokenType.String && JsonTimestamps.TryParseRfc3339(JsonCells.String(ref reader, scratch), out LogTimestamp t) ? t.Epoch : null;
            }

            SetMember(ref reader, sink, scratch);
            scratch.PopKey(mark);
        }

        if (epoch is double e)
        {
            sink.SetFloat("timestamp_epoch"u8, e);
        }

        sink.EndRecord();
    }

    /// <summary>The member whose name is <see cref="JsonScratch.Key"/>: nested objects flatten under <c>key.</c>.</summary>
    private static void SetMember(ref Utf8JsonReader reader, ColumnSink sink, JsonScratch scratch)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            int prefix = scratch.PushKey("."u8);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                int mark = scratch.PushKey(JsonCells.String(ref reader, scratch));
                reader.Read();
                SetMember(ref reader, sink, scratch);
                scratch.PopKey(mark);
            }

            scratch.PopKey(prefix);
        }
        else if (reader.TokenType == JsonTokenType.Number && scratch.Key.SequenceEqual(SignatureId))
        {
            // A signature id is a category code: keep its digits as text.
            sink.SetString(scratch.Key, reader.ValueSpan);
        }
        else
        {
            JsonCells.Set(ref reader, scratch.Key, sink, scratch, JsonCells.OutOfRange.Null);
        }
    }
}
