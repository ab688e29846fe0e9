using System.Globalization;
using System.Text.Json;
using Vigil.Core.Columns;
using Vigil.Core.Values;

namespace Vigil.Formats.Parsers;

/// <summary>
/// Suricata EVE JSON (reference §5.3.11): one row per line, objects flattened recursively with dots
/// (<c>alert.category</c>), arrays as compact JSON Str. Vigil additions: <c>timestamp_epoch</c> (float seconds from
/// <c>timestamp</c>) for cadence, and <c>alert.signature_id</c> as a Str column with a categorical role hint so the
/// signature mix reaches <c>dist.chi2</c>.
/// </summary>
internal sealed class EveParser : IDocumentFormatParser
{
    private const string FormatId = "eve";
    private const string SignatureId = "alert.signature_id";

    public string Id => FormatId;

    public IReadOnlyList<string> Extensions { get; } = [];

    public SniffConfidence Sniff(ReadOnlySpan<byte> data)
    {
        using JsonDocument? doc = JsonLines.FirstLineObject(data);
        return doc is not null
            && doc.RootElement.TryGetProperty("event_type", out JsonElement type) && type.ValueKind == JsonValueKind.String
            && doc.RootElement.TryGetProperty("timestamp", out _)
            ? SniffConfidence.Strong
            : SniffConfidence.None;
    }

    public IReadOnlyList<Column> Parse(ReadOnlyMemory<byte> data)
    {
        var table = new TableBuilder();
        JsonLines.ForEachObjectLine(data, FormatId, (root, _) =>
        {
            table.BeginRecord();
            Flatten(table, root, "");
            if (JsonLines.GetString(root, "timestamp") is string ts && LogTimestamp.TryParseRfc3339(ts, out LogTimestamp t, out int used) && used == ts.Length)
            {
                table.Set("timestamp_epoch", Value.FromFloat(t.Epoch));
            }

            table.EndRecord();
        });
        return CategoricalIds.Mark(table.Build(), SignatureId);
    }

    private static void Flatten(TableBuilder table, JsonElement obj, string prefix)
    {
        foreach (JsonProperty p in obj.EnumerateObject())
        {
            string key = prefix.Length == 0 ? p.Name : string.Concat(prefix, p.Name);
            if (p.Value.ValueKind == JsonValueKind.Object)
            {
                Flatten(table, p.Value, key + ".");
            }
            else if (key == SignatureId && p.Value.ValueKind == JsonValueKind.Number)
            {
                // A signature id is a category code: keep its digits as text.
                table.Set(key, Value.FromString(p.Value.GetRawText()));
            }
            else
            {
                table.Set(key, JsonLines.ToValue(p.Value));
            }
        }
    }
}
