using System.Text.Json;
using Vigil.Formats.Engine;

namespace Vigil.Formats.Json;

/// <summary>
/// One JSON value per line, read with <see cref="Utf8JsonReader"/> straight from the engine's line bytes, with reader
/// failures turned into <see cref="FormatParseException"/> (the engine adds the line number).
/// </summary>
internal static class JsonLineReader
{
    /// <summary>Handles a reader positioned at the first token of <paramref name="line"/>.</summary>
    public delegate void ValueHandler(ReadOnlySpan<byte> line, ref Utf8JsonReader reader, ColumnSink sink, JsonScratch scratch);

    /// <summary>
    /// NDJSON rules: the line holds exactly one JSON value of any kind, read in one pass, so errors come in document
    /// order (what <c>NdjsonParser.ForEachLineValue</c> did). The handler must consume the whole value.
    /// </summary>
    public static void ReadValue(ReadOnlySpan<byte> line, string format, ColumnSink sink, ValueHandler onValue)
    {
        var reader = new Utf8JsonReader(line, JsonValueReader.Options);
        try
        {
            reader.Read();
            onValue(line, ref reader, sink, JsonScratch.ForRecord());
            if (reader.Read())
            {
                throw new FormatParseException(format, "trailing characters after the JSON value");
            }
        }
        catch (JsonException e)
        {
            throw new FormatParseException(format, JsonValueReader.DescribeError(e));
        }
        catch (InvalidOperationException e)
        {
            throw new FormatParseException(format, e.Message);
        }
    }

    /// <summary>
    /// Object-per-line rules (what <c>JsonLines.ForEachObjectLine</c> did by parsing a whole document first): the line
    /// must be one JSON object; a syntax error anywhere on the line wins over a problem with a value (a number out of
    /// range inside a nested value, a lone surrogate escape), so those are reported only once the line is known to parse.
    /// The handler may consume the object or leave the reader on its <c>{</c>; the rest is read here either way.
    /// </summary>
    public static void ReadObject(ReadOnlySpan<byte> line, string format, ColumnSink sink, ValueHandler onObject)
    {
        var reader = new Utf8JsonReader(line, JsonValueReader.Options);
        try
        {
            if (!reader.Read())
            {
                throw new JsonException("The input does not contain any JSON tokens.");
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                JsonTokenType first = reader.TokenType;
                ThrowIfMalformed(line, format);
                throw new FormatParseException(format, $"expected a JSON object, found {Describe(first)}");
            }

            onObject(line, ref reader, sink, JsonScratch.ForRecord());
            while (reader.Read())
            {
                // Only trailing whitespace may follow; the reader throws on anything else.
            }
        }
        catch (JsonValueException e)
        {
            ThrowIfMalformed(line, format);
            throw new FormatParseException(format, JsonValueReader.DescribeError(e));
        }
        catch (JsonException e)
        {
            throw new FormatParseException(format, JsonValueReader.DescribeError(e));
        }
        catch (InvalidOperationException e)
        {
            ThrowIfMalformed(line, format);
            throw new FormatParseException(format, e.Message);
        }
    }

    /// <summary>Throws the syntax error of the line, if it has one (the slow path of a failing line only).</summary>
    private static void ThrowIfMalformed(ReadOnlySpan<byte> line, string format)
    {
        var check = new Utf8JsonReader(line, JsonValueReader.Options);
        try
        {
            while (check.Read())
            {
            }
        }
        catch (JsonException e)
        {
            throw new FormatParseException(format, JsonValueReader.DescribeError(e));
        }
    }

    private static string Describe(JsonTokenType first) => first switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        _ => "null",
    };
}
