using System.Globalization;
using System.Text;
using System.Text.Json;
using Vigil.Core.Columns;
using Vigil.Core.Text;
using Vigil.Core.Values;

namespace Vigil.Formats;

/// <summary>
/// Turns <see cref="Utf8JsonReader"/> values into cells (reference §2.4 <c>json_to_value</c>): null/bool/string map
/// directly; a number that fits i64 is Int, any other number is Float; a nested array or object is Str holding its
/// compact canonical JSON text (serde_json rendering, keys in document order).
/// </summary>
public static class JsonValueReader
{
    /// <summary>Strict RFC 8259 reading (no comments, no trailing commas), serde_json's nesting limit.</summary>
    public static JsonReaderOptions Options { get; } = new() { MaxDepth = 128, CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false };

    /// <summary>Reads the value at the reader's current token (consuming a whole array/object) as one cell.</summary>
    public static Value ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return Value.Null;
            case JsonTokenType.True:
                return Value.FromBool(true);
            case JsonTokenType.False:
                return Value.FromBool(false);
            case JsonTokenType.String:
                return Value.FromString(reader.GetString()!);
            case JsonTokenType.Number:
                return ReadNumber(ref reader);
            case JsonTokenType.StartArray:
            case JsonTokenType.StartObject:
                var sb = new StringBuilder();
                WriteCanonical(ref reader, sb);
                return Value.FromString(sb.ToString());
            default:
                throw new JsonException($"unexpected token {reader.TokenType}");
        }
    }

    /// <summary>
    /// Adds one JSON value as a record: an object's members become keys (a repeated key keeps the last value);
    /// any other value goes into the synthetic <c>value</c> column.
    /// </summary>
    public static void AddRecord(ref Utf8JsonReader reader, TableBuilder table)
    {
        table.BeginRecord();
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                string key = reader.GetString()!;
                reader.Read();
                table.Set(key, ReadValue(ref reader));
            }
        }
        else
        {
            table.Set("value", ReadValue(ref reader));
        }

        table.EndRecord();
    }

    /// <summary>Writes the current value (consuming it) as compact canonical JSON text.</summary>
    public static void WriteCanonical(ref Utf8JsonReader reader, StringBuilder sb)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                sb.Append("null");
                break;
            case JsonTokenType.True:
                sb.Append("true");
                break;
            case JsonTokenType.False:
                sb.Append("false");
                break;
            case JsonTokenType.String:
                WriteString(reader.GetString()!, sb);
                break;
            case JsonTokenType.Number:
                WriteNumber(ReadNumber(ref reader), sb);
                break;
            case JsonTokenType.StartArray:
                sb.Append('[');
                bool firstItem = true;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (!firstItem)
                    {
                        sb.Append(',');
                    }

                    firstItem = false;
                    WriteCanonical(ref reader, sb);
                }

                sb.Append(']');
                break;
            case JsonTokenType.StartObject:
                sb.Append('{');
                bool firstMember = true;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    if (!firstMember)
                    {
                        sb.Append(',');
                    }

                    firstMember = false;
                    WriteString(reader.GetString()!, sb);
                    sb.Append(':');
                    reader.Read();
                    WriteCanonical(ref reader, sb);
                }

                sb.Append('}');
                break;
            default:
                throw new JsonException($"unexpected token {reader.TokenType}");
        }
    }

    /// <summary>Canonical JSON rendering of a cell (used for values built in code rather than read).</summary>
    public static void WriteNumber(Value number, StringBuilder sb)
    {
        if (number.Kind == Core.Values.ValueKind.Int)
        {
            sb.Append(number.AsInt.ToString(CultureInfo.InvariantCulture));
        }
        else if (number.Kind == Core.Values.ValueKind.Float)
        {
            sb.Append(JsonNumber.Format(number.AsFloat));
        }
        else
        {
            sb.Append("null");
        }
    }

    /// <summary>serde_json string escaping: quote, backslash and control characters only; non-ASCII kept as is.</summary>
    public static void WriteString(string s, StringBuilder sb)
    {
        sb.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                case '\b':
                    sb.Append("\\b");
                    break;
                case '\f':
                    sb.Append("\\f");
                    break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }

    /// <summary>Fits i64 → Int; otherwise the nearest f64 (huge integers included) → Float.</summary>
    private static Value ReadNumber(ref Utf8JsonReader reader)
    {
        if (reader.TryGetInt64(out long i))
        {
            return Value.FromInt(i);
        }

        if (reader.TryGetDouble(out double d) && double.IsFinite(d))
        {
            return Value.FromFloat(d);
        }

        throw new JsonException("number out of range");
    }

    /// <summary>A one-line description of a JSON reader failure, without the reader's path/position suffix.</summary>
    internal static string DescribeError(Exception e)
    {
        string message = e is JsonException je ? je.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd() : e.Message;
        return message.StartsWith("Expected depth to be zero", StringComparison.Ordinal)
            ? "unexpected end of input: an object or array is not closed"
            : message;
    }
}
