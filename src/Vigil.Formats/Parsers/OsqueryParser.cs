using System.Text.Json;
using Vigil.Core.Columns;
using Vigil.Core.Values;

namespace Vigil.Formats.Parsers;

/// <summary>
/// osquery result logs (reference §5.3.13). Per line: metadata = every key except <c>columns</c>/<c>snapshot</c>
/// (json_to_value); a <c>columns</c> object gives one row with <c>columns.&lt;k&gt;</c> (strings inferred); a
/// <c>snapshot</c> array gives one row per object element, also as <c>columns.&lt;k&gt;</c>, with the metadata
/// replicated; otherwise the metadata alone. Vigil addition: <c>unixTime_epoch</c> (float seconds) from
/// <c>unixTime</c>, which osquery writes as a string.
/// </summary>
internal sealed class OsqueryParser : IDocumentFormatParser
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

    public IReadOnlyList<Column> Parse(ReadOnlyMemory<byte> data)
    {
        var table = new TableBuilder();
        JsonLines.ForEachObjectLine(data, FormatId, (root, _) =>
        {
            JsonElement columns = root.TryGetProperty("columns", out JsonElement c) ? c : default;
            JsonElement snapshot = root.TryGetProperty("snapshot", out JsonElement s) ? s : default;
            if (columns.ValueKind == JsonValueKind.Object)
            {
                table.BeginRecord();
                SetMetadata(table, root);
                SetColumns(table, columns);
                table.EndRecord();
            }
            else if (snapshot.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement row in snapshot.EnumerateArray())
                {
                    if (row.ValueKind != JsonValueKind.Object)
                    {
                        continue;
                    }

                    table.BeginRecord();
                    SetMetadata(table, root);
                    SetColumns(table, row);
                    table.EndRecord();
                }
            }
            else
            {
                table.BeginRecord();
                SetMetadata(table, root);
                table.EndRecord();
            }
        });
        return table.Build();
    }

    private static void SetMetadata(TableBuilder table, JsonElement root)
    {
        foreach (JsonProperty p in root.EnumerateObject())
        {
            if (p.NameEquals("columns") || p.NameEquals("snapshot"))
            {
                continue;
            }

            table.Set(p.Name, JsonLines.ToValue(p.Value));
            if (p.NameEquals("unixTime"))
            {
                double? epoch = p.Value.ValueKind switch
                {
                    JsonValueKind.Number when p.Value.TryGetDouble(out double d) && double.IsFinite(d) => d,
                    JsonValueKind.String when TypeInference.TryParseRustFiniteFloat(p.Value.GetString(), out double d) => d,
                    _ => null,
                };
                if (epoch is double e)
                {
                    table.Set("unixTime_epoch", Value.FromFloat(e));
                }
            }
        }
    }

    private static void SetColumns(TableBuilder table, JsonElement columns)
    {
        foreach (JsonProperty p in columns.EnumerateObject())
        {
            Value v = p.Value.ValueKind == JsonValueKind.String ? TypeInference.InferScalar(p.Value.GetString()) : JsonLines.ToValue(p.Value);
            table.Set("columns." + p.Name, v);
        }
    }
}
