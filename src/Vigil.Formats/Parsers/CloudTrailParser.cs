using System.Text.Json;
using Vigil.Formats.Engine;
using Vigil.Formats.Input;
using Vigil.Formats.Json;

namespace Vigil.Formats.Parsers;

/// <summary>
/// AWS CloudTrail log files (reference §5.3.10): one row per element of <c>Records</c>. Top-level scalars and arrays
/// become columns via json_to_value; a nested object contributes <c>parent.child</c> columns one level deep (deeper
/// objects as compact JSON Str); <c>eventEpoch</c> is the RFC 3339 <c>eventTime</c> in Unix seconds (Int).
/// </summary>
internal sealed class CloudTrailParser : IFormatParser
{
    private const string FormatId = "cloudtrail";

    public string Id => FormatId;

    public IReadOnlyList<string> Extensions { get; } = [];

    public SniffConfidence Sniff(ReadOnlySpan<byte> data)
    {
        ReadOnlySpan<byte> body = SniffText.TrimStart(TextInput.WithoutBom(data));
        if (data.Length >= FormatResolver.SniffPrefixBytes)
        {
            // A prefix cut at the sniff limit is never a whole document: judge the part that is there.
            return !body.IsEmpty && body[0] == (byte)'{' && SniffText.LooksUtf8(body) && FirstRecordHasEventName(body) ? SniffConfidence.Strong : SniffConfidence.None;
        }

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

    /// <summary>The first <c>Records</c> member is an array whose first element is an object with <c>eventName</c> (never throws).</summary>
    private static bool FirstRecordHasEventName(ReadOnlySpan<byte> prefix)
    {
        try
        {
            var reader = new Utf8JsonReader(prefix, isFinalBlock: false, new JsonReaderState(JsonValueReader.Options));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool records = reader.ValueTextEquals("Records"u8);
                if (!reader.Read())
                {
                    return false;
                }

                if (records)
                {
                    if (reader.TokenType != JsonTokenType.StartArray || !reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                    {
                        return false;
                    }

                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        if (reader.ValueTextEquals("eventName"u8))
                        {
                            return true;
                        }

                        if (!reader.Read() || !reader.TrySkip())
                        {
                            return false;
                        }
                    }

                    return false;
                }

                if (!reader.TrySkip())
                {
                    return false;
                }
            }

            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public IRecordBatchReader Open(InputSource input, BatchOptions options) => new CloudTrailBatchReader(input, options);

    /// <summary>
    /// One element of <c>Records</c> (the reader is on its <c>{</c>; the whole element is in the reader's buffer) as a
    /// record: top-level members via json_to_value, a nested object's members as <c>parent.child</c>.
    /// </summary>
    internal static void AddRecord(ref Utf8JsonReader reader, ColumnSink sink)
    {
        JsonScratch scratch = JsonScratch.ForRecord();
        sink.BeginRecord();
        long? epoch = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            bool eventTime = reader.ValueTextEquals("eventTime"u8);
            int mark = scratch.PushKey(JsonCells.String(ref reader, scratch));
            reader.Read();
            if (eventTime)
            {
                // The last 'eventTime' member decides, as a JSON object lookup would.
                epoch = reader.TokenType == JsonTokenType.String && JsonTimestamps.TryParseRfc3339(JsonCells.String(ref reader, scratch), out LogTimestamp t) ? t.UnixSeconds : null;
            }

            if (reader.TokenType == JsonTokenType.StartObject)
            {
                int prefix = scratch.PushKey("."u8);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    int child = scratch.PushKey(JsonCells.String(ref reader, scratch));
                    reader.Read();
                    JsonCells.Set(ref reader, scratch.Key, sink, scratch, JsonCells.OutOfRange.Null);
                    scratch.PopKey(child);
                }

                scratch.PopKey(prefix);
            }
            else
            {
                JsonCells.Set(ref reader, scratch.Key, sink, scratch, JsonCells.OutOfRange.Null);
            }

            scratch.PopKey(mark);
        }

        if (epoch is long e)
        {
            sink.SetInt("eventEpoch"u8, e);
        }

        sink.EndRecord();
    }
}
