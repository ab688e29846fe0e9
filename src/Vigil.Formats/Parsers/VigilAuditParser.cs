using System.Text;
using System.Text.Json;
using Vigil.Core.Columns;
using Vigil.Core.Roles;
using Vigil.Formats.Engine;
using Vigil.Formats.Json;

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
internal sealed class VigilAuditParser : IDocumentFormatParser, IColumnRoleHints
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

    /// <summary>
    /// Reads the whole input (<c>gap_s</c> needs the previous attempt, so lines are not independent) into a
    /// <see cref="ColumnSink"/>, straight from the UTF-8 bytes.
    /// </summary>
    public IReadOnlyList<Column> Parse(ReadOnlyMemory<byte> data)
    {
        ReadOnlySpan<byte> bytes = data.Span;
        TextInput.EnsureUtf8(bytes, Id);
        var sink = new ColumnSink();
        var argv = new StringBuilder();
        long? lastAttemptMs = null;
        var lines = new Utf8LineSplitter(TextInput.WithoutBom(bytes));
        while (lines.MoveNext(out ReadOnlySpan<byte> line))
        {
            if (SniffText.IsBlank(line))
            {
                continue;
            }

            try
            {
                var reader = new Utf8JsonReader(line, JsonValueReader.Options);
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw new FormatParseException(Id, "expected a JSON object (one audit event per line)", lines.LineNumber);
                }

                AddRecord(ref reader, sink, argv, ref lastAttemptMs);
                if (reader.Read())
                {
                    throw new FormatParseException(Id, "trailing characters after the JSON value", lines.LineNumber);
                }
            }
            catch (JsonException e)
            {
                throw new FormatParseException(Id, JsonValueReader.DescribeError(e), lines.LineNumber);
            }
            catch (InvalidOperationException e)
            {
                throw new FormatParseException(Id, e.Message, lines.LineNumber);
            }
        }

        return ColumnRoleHinting.Apply(this, sink.Build());
    }

    public ColumnRole? RoleHint(string column) => column switch
    {
        // The chain hash is unique per line: an identifier, not a category to compare distributions of.
        "prev" => ColumnRole.Identifier,
        "seq" => ColumnRole.Sequence,
        _ => null,
    };

    private static void AddRecord(ref Utf8JsonReader reader, ColumnSink sink, StringBuilder argv, ref long? lastAttemptMs)
    {
        JsonScratch scratch = JsonScratch.ForRecord();
        sink.BeginRecord();
        bool attempt = false;
        long? tsMs = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            int mark = scratch.PushKey(JsonCells.String(ref reader, scratch));
            reader.Read();
            ReadOnlySpan<byte> key = scratch.Key;
            if (key.SequenceEqual("argv"u8) && reader.TokenType == JsonTokenType.StartArray)
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

                sink.SetString("argv"u8, argv.ToString().AsSpan());
                if (first is null)
                {
                    sink.SetNull("argv0"u8);
                }
                else
                {
                    sink.SetString("argv0"u8, first.AsSpan());
                }
            }
            else if (key.SequenceEqual("ts_unix_ms"u8) && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long ms))
            {
                tsMs = ms;
                sink.SetInt(key, ms);
                sink.SetFloat("ts"u8, ms / 1000.0);
            }
            else
            {
                if (key.SequenceEqual("event"u8) && reader.TokenType == JsonTokenType.String)
                {
                    attempt = reader.ValueTextEquals("request"u8) || reader.ValueTextEquals("denial"u8);
                }

                JsonCells.Set(ref reader, key, sink, scratch, JsonCells.OutOfRange.Error);
            }

            scratch.PopKey(mark);
        }

        // Only attempts count: a request's own started/exit lines follow it within milliseconds and would
        // drown the spacing between attempts, which is what a burst changes.
        if (attempt && tsMs is long at)
        {
            if (lastAttemptMs is long last)
            {
                sink.SetFloat("gap_s"u8, (at - last) / 1000.0);
            }

            lastAttemptMs = at;
        }

        sink.EndRecord();
    }
}
