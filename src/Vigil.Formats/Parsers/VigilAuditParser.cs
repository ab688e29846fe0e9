using System.Text;
using System.Text.Json;
using Vigil.Core.Columns;
using Vigil.Core.Roles;
using Vigil.Core.Values;

namespace Vigil.Formats.Parsers;

/// <summary>
/// Vigil's own exec audit trail (design exec.md "Audit"): JSON lines carrying the reference x0x §7 events plus the
/// hash chain (<c>seq</c>, <c>prev</c>). Each top-level field becomes a column as JSON maps it, except that
/// <c>argv</c> becomes the space-joined command line plus <c>argv0</c>, and <c>ts</c> (epoch seconds, Float) is
/// derived from <c>ts_unix_ms</c> so <c>--cadence ts</c> works. <c>gap_s</c> (Float) is derived on the attempt
/// rows (<c>request</c> and <c>denial</c>): seconds since the previous attempt in the file, Null on the first
/// attempt and on <c>started</c>/<c>warning</c>/<c>exit</c> rows, so a burst of attempts is a run of small values
/// that <c>coll.cusum</c> and <c>point.modz</c> can see. Claimed STRONG on the first line's <c>event</c> +
/// <c>seq</c> + <c>prev</c> shape, ahead of plain NDJSON.
/// </summary>
internal sealed class VigilAuditParser : IDocumentFormatParser
{
    public string Id => "vigil-audit";

    public IReadOnlyList<string> Extensions { get; } = [];

    public SniffConfidence Sniff(ReadOnlySpan<byte> data)
    {
        if (!SniffText.TryFirstNonBlankLine(data, out ReadOnlySpan<byte> line) || !SniffText.LooksUtf8(data))
        {
            return SniffConfidence.None;
        }

        try
        {
            var reader = new Utf8JsonReader(line, JsonValueReader.Options);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return SniffConfidence.None;
            }

            bool evt = false, seq = false, prev = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isEvent = reader.ValueTextEquals("event"u8);
                bool isSeq = reader.ValueTextEquals("seq"u8);
                bool isPrev = reader.ValueTextEquals("prev"u8);
                reader.Read();
                evt |= isEvent && reader.TokenType == JsonTokenType.String;
                seq |= isSeq && reader.TokenType == JsonTokenType.Number;
                prev |= isPrev && reader.TokenType == JsonTokenType.String;
                reader.Skip();
            }

            return evt && seq && prev ? SniffConfidence.Strong : SniffConfidence.None;
        }
        catch (JsonException)
        {
            // A first line that is cut short may still be ours, but a sniff only claims what it can see.
            return SniffConfidence.None;
        }
    }

    public IReadOnlyList<Column> Parse(ReadOnlyMemory<byte> data)
    {
        ReadOnlySpan<byte> bytes = data.Span;
        TextInput.EnsureUtf8(bytes, Id);
        var table = new TableBuilder();
        var argv = new StringBuilder();
        long? lastAttemptMs = null;
        NdjsonParser.ForEachLineValue(TextInput.WithoutBom(bytes), Id, (ref Utf8JsonReader reader, int line) =>
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new FormatParseException(Id, "expected a JSON object (one audit event per line)", line);
            }

            table.BeginRecord();
            bool attempt = false;
            long? tsMs = null;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                string key = reader.GetString()!;
                reader.Read();
                if (key == "argv" && reader.TokenType == JsonTokenType.StartArray)
                {
                    argv.Clear();
                    string? first = null;
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        string part = reader.TokenType == JsonTokenType.String ? reader.GetString()! : JsonValueReader.ReadValue(ref reader).ToString();
                        // Counting by the first word, not the builder's length: an empty argv[0] still takes a separator.
                        if (first is not null)
                        {
                            argv.Append(' ');
                        }

                        first ??= part;

                        argv.Append(part);
                    }

                    table.Set("argv", Value.FromString(argv.ToString()));
                    table.Set("argv0", first is null ? Value.Null : Value.FromString(first));
                    continue;
                }

                Value value = JsonValueReader.ReadValue(ref reader);
                table.Set(key, value);
                if (key == "ts_unix_ms" && value.Kind == ValueKind.Int)
                {
                    tsMs = value.AsInt;
                    table.Set("ts", Value.FromFloat(value.AsInt / 1000.0));
                }
                else if (key == "event" && value.Kind == ValueKind.Str)
                {
                    attempt = value.AsString is "request" or "denial";
                }
            }

            // Only attempts count: a request's own started/exit lines follow it within milliseconds and would
            // drown the spacing between attempts, which is what a burst changes.
            if (attempt && tsMs is long ms)
            {
                if (lastAttemptMs is long last)
                {
                    table.Set("gap_s", Value.FromFloat((ms - last) / 1000.0));
                }

                lastAttemptMs = ms;
            }

            table.EndRecord();
        });

        Column[] columns = table.Build();
        for (int i = 0; i < columns.Length; i++)
        {
            // The chain hash is unique per line: an identifier, not a category to compare distributions of.
            columns[i] = columns[i].Name switch
            {
                "prev" => columns[i].WithRoleHint(ColumnRole.Identifier),
                "seq" => columns[i].WithRoleHint(ColumnRole.Sequence),
                _ => columns[i],
            };
        }

        return columns;
    }
}
