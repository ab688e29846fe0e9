using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Core.Text;

/// <summary>
/// A forward-only JSON writer producing serde_json's exact bytes: compact (<c>{"a":1,"b":[1,2]}</c>) or
/// serde's PrettyFormatter layout (2-space indent, <c>"key": value</c>, one element per line, <c>[]</c>/<c>{}</c>
/// when empty). Floats go through <see cref="JsonNumber"/>, strings through <see cref="JsonString"/>.
/// Commas and indentation are tracked here, so callers only state structure. Output is UTF-8, written straight into
/// an <see cref="IBufferWriter{T}"/> (a stream-backed one lets a large document go out without ever being one string).
/// </summary>
public sealed class JsonWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly IBufferWriter<byte> _out;
    private readonly ArrayBufferWriter<byte>? _own;
    private readonly bool _pretty;
    // One entry per open container: whether it already holds an element.
    private readonly Stack<bool> _hasElements = new();
    private bool _afterName;

    /// <param name="pretty">serde's pretty layout instead of compact.</param>
    /// <param name="target">Where the bytes go; null keeps them in memory for <see cref="ToString"/>.</param>
    public JsonWriter(bool pretty = false, IBufferWriter<byte>? target = null)
    {
        _pretty = pretty;
        _own = target is null ? new ArrayBufferWriter<byte>(256) : null;
        _out = target ?? _own!;
    }

    public void BeginObject()
    {
        BeforeValue();
        Byte((byte)'{');
        _hasElements.Push(false);
    }

    public void EndObject() => EndContainer((byte)'}');

    public void BeginArray()
    {
        BeforeValue();
        Byte((byte)'[');
        _hasElements.Push(false);
    }

    public void EndArray() => EndContainer((byte)']');

    public void PropertyName(string name)
    {
        NextElement();
        JsonString.Write(_out, name);
        Ascii(_pretty ? ": "u8 : ":"u8);
        _afterName = true;
    }

    public void String(string value)
    {
        BeforeValue();
        JsonString.Write(_out, value);
    }

    public void Int(long value)
    {
        BeforeValue();
        Formatted(value);
    }

    public void UInt(ulong value)
    {
        BeforeValue();
        Formatted(value);
    }

    public void Float(double value)
    {
        BeforeValue();
        Span<byte> span = _out.GetSpan(40);
        if (JsonNumber.TryWritePositional(value, span, out int written))
        {
            _out.Advance(written);
            return;
        }

        Text(JsonNumber.Format(value));
    }

    public void Bool(bool value)
    {
        BeforeValue();
        Ascii(value ? "true"u8 : "false"u8);
    }

    public void Null()
    {
        BeforeValue();
        Ascii("null"u8);
    }

    /// <summary>Writes an already-serialized JSON value verbatim (it must be compact JSON).</summary>
    public void Raw(string json)
    {
        BeforeValue();
        Text(json);
    }

    public void Property(string name, string value)
    {
        PropertyName(name);
        String(value);
    }

    public void Property(string name, long value)
    {
        PropertyName(name);
        Int(value);
    }

    public void PropertyFloat(string name, double value)
    {
        PropertyName(name);
        Float(value);
    }

    public void Property(string name, bool value)
    {
        PropertyName(name);
        Bool(value);
    }

    /// <summary>A JSON array of strings.</summary>
    public void StringArray(IEnumerable<string> values)
    {
        BeginArray();
        foreach (string v in values)
        {
            String(v);
        }

        EndArray();
    }

    /// <summary>
    /// Writes a JSON DOM node in its insertion order (objects keep the order properties were added). Numbers
    /// created from <c>double</c> render as floats (<c>5.0</c>), from integer types as integers, and numbers that
    /// came from parsed text keep their text.
    /// </summary>
    public void Node(JsonNode? node)
    {
        switch (node)
        {
            case null:
                Null();
                break;
            case JsonObject obj:
                BeginObject();
                foreach (KeyValuePair<string, JsonNode?> p in obj)
                {
                    PropertyName(p.Key);
                    Node(p.Value);
                }

                EndObject();
                break;
            case JsonArray arr:
                BeginArray();
                foreach (JsonNode? item in arr)
                {
                    Node(item);
                }

                EndArray();
                break;
            case JsonValue value:
                WriteValue(value);
                break;
        }
    }

    /// <summary>Appends a raw newline (the documents end with one, outside the JSON value).</summary>
    public void Newline() => Byte((byte)'\n');

    /// <summary>The text written so far; only for a writer that owns its buffer.</summary>
    public override string ToString() => _own is null
        ? throw new InvalidOperationException("the output went to an external buffer")
        : Utf8.GetString(_own.WrittenSpan);

    private void WriteValue(JsonValue value)
    {
        // Parsed values wrap a JsonElement, which would also convert to double: keep their own text.
        if (value.TryGetValue(out JsonElement e))
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.String:
                    String(e.GetString()!);
                    break;
                case JsonValueKind.Number:
                    Raw(e.GetRawText());
                    break;
                case JsonValueKind.True:
                    Bool(true);
                    break;
                case JsonValueKind.False:
                    Bool(false);
                    break;
                default:
                    Node(JsonNode.Parse(e.GetRawText()));
                    break;
            }
        }
        else if (value.TryGetValue(out string? s))
        {
            String(s);
        }
        else if (value.TryGetValue(out bool b))
        {
            Bool(b);
        }
        else if (value.TryGetValue(out double d))
        {
            Float(d);
        }
        else if (value.TryGetValue(out float f))
        {
            Float(f);
        }
        else if (value.TryGetValue(out long l))
        {
            Int(l);
        }
        else if (value.TryGetValue(out int i))
        {
            Int(i);
        }
        else if (value.TryGetValue(out ulong u))
        {
            UInt(u);
        }
        else
        {
            throw new ArgumentException("unsupported JSON value " + value.ToJsonString(), nameof(value));
        }
    }

    private void BeforeValue()
    {
        if (_afterName)
        {
            _afterName = false;
            return;
        }

        if (_hasElements.Count > 0)
        {
            NextElement();
        }
    }

    private void NextElement()
    {
        if (_hasElements.Count == 0)
        {
            throw new InvalidOperationException("no open container");
        }

        bool has = _hasElements.Pop();
        _hasElements.Push(true);
        if (has)
        {
            Byte((byte)',');
        }

        if (_pretty)
        {
            Indent(_hasElements.Count);
        }
    }

    private void EndContainer(byte close)
    {
        bool has = _hasElements.Pop();
        if (_pretty && has)
        {
            Indent(_hasElements.Count);
        }

        Byte(close);
    }

    private void Indent(int depth)
    {
        Span<byte> span = _out.GetSpan(1 + (2 * depth));
        span[0] = (byte)'\n';
        span.Slice(1, 2 * depth).Fill((byte)' ');
        _out.Advance(1 + (2 * depth));
    }

    private void Byte(byte b)
    {
        _out.GetSpan(1)[0] = b;
        _out.Advance(1);
    }

    private void Ascii(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_out.GetSpan(bytes.Length));
        _out.Advance(bytes.Length);
    }

    private void Text(string text) => Utf8.GetBytes(text, _out);

    private void Formatted<T>(T value)
        where T : IUtf8SpanFormattable
    {
        // 20 digits and a sign cover every 64-bit integer.
        Span<byte> span = _out.GetSpan(24);
        if (!value.TryFormat(span, out int written, default, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("integer did not fit its buffer");
        }

        _out.Advance(written);
    }
}
