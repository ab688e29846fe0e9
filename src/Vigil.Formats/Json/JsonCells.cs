using System.Globalization;
using System.Text;
using System.Text.Json;
using Vigil.Core.Text;
using Vigil.Formats.Engine;

namespace Vigil.Formats.Json;

/// <summary>
/// <see cref="Utf8JsonReader"/> tokens straight into a <see cref="ColumnSink"/>, on UTF-8 bytes (reference §2.4
/// <c>json_to_value</c>, the same cells <see cref="JsonValueReader"/> and <see cref="Parsers.JsonLines"/> produce): a
/// string is Str (or inferred, for formats whose numbers arrive as strings); a number is Int if it fits i64, else
/// Float; a nested array or object is Str holding its compact canonical JSON (serde_json rendering, document key
/// order). A string is unescaped only when it has escapes; otherwise its bytes go to the sink as they are.
/// </summary>
internal static class JsonCells
{
    /// <summary>How a number outside the f64 range becomes a cell.</summary>
    internal enum OutOfRange
    {
        /// <summary><c>JsonValueReader.ReadValue</c>: the record fails with "number out of range".</summary>
        Error,

        /// <summary><c>JsonLines.ToValue</c>: the cell is Null. Inside a nested value it still fails (canonical text needs the number).</summary>
        Null,
    }

    /// <summary>Sets the value at the reader's current token (consuming a whole array/object) as one cell.</summary>
    public static void Set(ref Utf8JsonReader reader, ReadOnlySpan<byte> key, ColumnSink sink, JsonScratch scratch, OutOfRange numbers, bool inferStrings = false)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                sink.SetNull(key);
                break;
            case JsonTokenType.True:
                sink.SetBool(key, true);
                break;
            case JsonTokenType.False:
                sink.SetBool(key, false);
                break;
            case JsonTokenType.String:
                ReadOnlySpan<byte> text = String(ref reader, scratch);
                if (inferStrings)
                {
                    sink.SetInferred(key, text);
                }
                else
                {
                    sink.SetString(key, text);
                }

                break;
            case JsonTokenType.Number:
                if (reader.TryGetInt64(out long i))
                {
                    sink.SetInt(key, i);
                }
                else if (reader.TryGetDouble(out double d) && double.IsFinite(d))
                {
                    sink.SetFloat(key, d);
                }
                else if (numbers == OutOfRange.Null)
                {
                    sink.SetNull(key);
                }
                else
                {
                    throw new JsonValueException("number out of range");
                }

                break;
            case JsonTokenType.StartArray:
            case JsonTokenType.StartObject:
                sink.SetString(key, Canonical(ref reader, scratch));
                break;
            default:
                throw new JsonException($"unexpected token {reader.TokenType}");
        }
    }

    /// <summary>
    /// One JSON value as a record (reference §5.3.2/§5.3.3): an object's members become keys (a repeated key keeps the
    /// last value); any other value goes into the synthetic <c>value</c> column. A number beyond f64 fails.
    /// </summary>
    public static void AddRecord(ref Utf8JsonReader reader, ColumnSink sink, JsonScratch scratch)
    {
        sink.BeginRecord();
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                int mark = scratch.PushKey(String(ref reader, scratch));
                reader.Read();
                Set(ref reader, scratch.Key, sink, scratch, OutOfRange.Error);
                scratch.PopKey(mark);
            }
        }
        else
        {
            Set(ref reader, "value"u8, sink, scratch, OutOfRange.Error);
        }

        sink.EndRecord();
    }

    /// <summary>The current string or property name, unescaped (valid UTF-8: the engine checked the line, the reader the escapes).</summary>
    public static ReadOnlySpan<byte> String(ref Utf8JsonReader reader, JsonScratch scratch)
    {
        if (!reader.ValueIsEscaped)
        {
            return reader.ValueSpan;
        }

        // Unescaping never lengthens a string.
        Span<byte> buffer = scratch.Text(reader.ValueSpan.Length);
        int n = reader.CopyString(buffer);
        return buffer[..n];
    }

    /// <summary>The current value (consumed) as compact canonical JSON, in <paramref name="scratch"/>'s canonical buffer.</summary>
    public static ReadOnlySpan<byte> Canonical(ref Utf8JsonReader reader, JsonScratch scratch)
    {
        scratch.ClearCanonical();
        WriteCanonical(ref reader, scratch);
        return scratch.Canonical;
    }

    private static void WriteCanonical(ref Utf8JsonReader reader, JsonScratch scratch)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                scratch.AppendCanonical("null"u8);
                break;
            case JsonTokenType.True:
                scratch.AppendCanonical("true"u8);
                break;
            case JsonTokenType.False:
                scratch.AppendCanonical("false"u8);
                break;
            case JsonTokenType.String:
                WriteString(String(ref reader, scratch), scratch);
                break;
            case JsonTokenType.Number:
                WriteNumber(ref reader, scratch);
                break;
            case JsonTokenType.StartArray:
                scratch.AppendCanonical((byte)'[');
                bool firstItem = true;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (!firstItem)
                    {
                        scratch.AppendCanonical((byte)',');
                    }

                    firstItem = false;
                    WriteCanonical(ref reader, scratch);
                }

                scratch.AppendCanonical((byte)']');
                break;
            case JsonTokenType.StartObject:
                scratch.AppendCanonical((byte)'{');
                bool firstMember = true;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    if (!firstMember)
                    {
                        scratch.AppendCanonical((byte)',');
                    }

                    firstMember = false;
                    WriteString(String(ref reader, scratch), scratch);
                    scratch.AppendCanonical((byte)':');
                    reader.Read();
                    WriteCanonical(ref reader, scratch);
                }

                scratch.AppendCanonical((byte)'}');
                break;
            default:
                throw new JsonException($"unexpected token {reader.TokenType}");
        }
    }

    /// <summary>Fits i64 → its digits; otherwise the nearest f64 in <see cref="JsonNumber"/>'s rendering; out of range fails.</summary>
    private static void WriteNumber(ref Utf8JsonReader reader, JsonScratch scratch)
    {
        if (reader.TryGetInt64(out long i))
        {
            Span<byte> space = scratch.CanonicalSpace(20);
            i.TryFormat(space, out int written, default, CultureInfo.InvariantCulture);
            scratch.AdvanceCanonical(written);
        }
        else if (reader.TryGetDouble(out double d) && double.IsFinite(d))
        {
            string text = JsonNumber.Format(d);
            Encoding.ASCII.GetBytes(text, scratch.CanonicalSpace(text.Length));
            scratch.AdvanceCanonical(text.Length);
        }
        else
        {
            throw new JsonValueException("number out of range");
        }
    }

    /// <summary>serde_json string escaping: quote, backslash and control characters only; other bytes (non-ASCII too) as they are.</summary>
    private static void WriteString(ReadOnlySpan<byte> utf8, JsonScratch scratch)
    {
        scratch.AppendCanonical((byte)'"');
        int run = 0;
        for (int i = 0; i < utf8.Length; i++)
        {
            byte b = utf8[i];
            if (b >= 0x20 && b != (byte)'"' && b != (byte)'\\')
            {
                continue;
            }

            scratch.AppendCanonical(utf8[run..i]);
            run = i + 1;
            switch (b)
            {
                case (byte)'"':
                    scratch.AppendCanonical("\\\""u8);
                    break;
                case (byte)'\\':
                    scratch.AppendCanonical("\\\\"u8);
                    break;
                case (byte)'\n':
                    scratch.AppendCanonical("\\n"u8);
                    break;
                case (byte)'\r':
                    scratch.AppendCanonical("\\r"u8);
                    break;
                case (byte)'\t':
                    scratch.AppendCanonical("\\t"u8);
                    break;
                case (byte)'\b':
                    scratch.AppendCanonical("\\b"u8);
                    break;
                case (byte)'\f':
                    scratch.AppendCanonical("\\f"u8);
                    break;
                default:
                    scratch.AppendCanonical("\\u00"u8);
                    scratch.AppendCanonical((byte)"0123456789abcdef"[b >> 4]);
                    scratch.AppendCanonical((byte)"0123456789abcdef"[b & 0xF]);
                    break;
            }
        }

        scratch.AppendCanonical(utf8[run..]);
        scratch.AppendCanonical((byte)'"');
    }
}
