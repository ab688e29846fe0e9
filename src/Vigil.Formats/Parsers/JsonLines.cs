using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Vigil.Core.Values;

namespace Vigil.Formats.Parsers;

/// <summary>
/// Shared reading for the JSON-shaped document formats (journal, OTLP) and the sniffs: a stream of JSON values, reader
/// failures turned into <see cref="FormatParseException"/> with the line, and <see cref="JsonElement"/> → cell
/// conversion with <see cref="JsonValueReader"/>'s rules. The line formats read bytes through <see cref="Json.JsonCells"/>.
/// </summary>
internal static class JsonLines
{
    public static JsonDocumentOptions DocumentOptions { get; } = new() { MaxDepth = 128, CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false };

    /// <summary>The first non-blank line parsed as a JSON object, or null (never throws).</summary>
    public static JsonDocument? FirstLineObject(ReadOnlySpan<byte> data)
    {
        if (!SniffText.LooksUtf8(data) || !SniffText.TryFirstNonBlankLine(data, out ReadOnlySpan<byte> line))
        {
            return null;
        }

        line = SniffText.TrimStart(line);
        if (line.IsEmpty || line[0] != (byte)'{')
        {
            return null;
        }

        try
        {
            var doc = JsonDocument.Parse(line.ToArray(), DocumentOptions);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                return doc;
            }

            doc.Dispose();
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Calls <paramref name="onValue"/> for each top-level JSON value in a stream of values separated by whitespace
    /// (one per line, or pretty-printed over several), with the line the value starts on.
    /// </summary>
    public static void ForEachValue(ReadOnlyMemory<byte> data, string format, Action<JsonElement, int> onValue)
    {
        TextInput.EnsureUtf8(data.Span, format);
        ReadOnlySpan<byte> body = TextInput.WithoutBom(data.Span);
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 128, AllowMultipleValues = true });
        while (true)
        {
            JsonDocument doc;
            int line;
            try
            {
                if (!reader.Read())
                {
                    return;
                }

                line = body[..(int)reader.TokenStartIndex].Count((byte)'\n') + 1;
                doc = JsonDocument.ParseValue(ref reader);
            }
            catch (JsonException e)
            {
                throw new FormatParseException(format, JsonValueReader.DescribeError(e), (e.LineNumber ?? 0) + 1);
            }

            using (doc)
            {
                Invoke(onValue, doc.RootElement, line, format);
            }
        }
    }

    /// <summary>
    /// Runs a record callback; a number the canonical writer cannot represent (e.g. <c>1e400</c> inside an array)
    /// surfaces as a <see cref="JsonException"/> there, which becomes a parse error on the record's line.
    /// </summary>
    public static void Invoke(Action<JsonElement, int> callback, JsonElement element, int line, string format)
    {
        try
        {
            callback(element, line);
        }
        catch (JsonException e)
        {
            throw new FormatParseException(format, JsonValueReader.DescribeError(e), line);
        }
    }

    /// <summary>The first top-level JSON value of the input if it is an object, or null (never throws).</summary>
    public static JsonDocument? FirstValueObject(ReadOnlySpan<byte> data)
    {
        ReadOnlySpan<byte> body = SniffText.TrimStart(TextInput.WithoutBom(data));
        if (body.IsEmpty || body[0] != (byte)'{' || !SniffText.LooksUtf8(body))
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 128, AllowMultipleValues = true });
            return reader.Read() ? JsonDocument.ParseValue(ref reader) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>json_to_value: scalars map directly, a number is Int if it fits i64 else Float (Null if not finite), nested → compact JSON Str.</summary>
    public static Value ToValue(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                return Value.FromString(e.GetString()!);
            case JsonValueKind.Number:
                if (e.TryGetInt64(out long i))
                {
                    return Value.FromInt(i);
                }

                return e.TryGetDouble(out double d) ? Value.FromFiniteOrNull(d) : Value.Null;
            case JsonValueKind.True:
                return Value.FromBool(true);
            case JsonValueKind.False:
                return Value.FromBool(false);
            case JsonValueKind.Array:
            case JsonValueKind.Object:
                return Value.FromString(Canonical(e));
            default:
                return Value.Null;
        }
    }

    /// <summary>Compact canonical JSON text of an element (document key order).</summary>
    public static string Canonical(JsonElement e)
    {
        var reader = new Utf8JsonReader(JsonMarshal.GetRawUtf8Value(e), JsonValueReader.Options);
        reader.Read();
        var sb = new StringBuilder();
        JsonValueReader.WriteCanonical(ref reader, sb);
        return sb.ToString();
    }

    /// <summary>A string property, or null.</summary>
    public static string? GetString(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
