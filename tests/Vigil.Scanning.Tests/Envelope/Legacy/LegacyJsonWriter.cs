// Frozen copy of the string-building envelope writer as it was before the streaming Tq1Writer (commit 63ebf33),
// kept only as the byte-for-byte oracle the new writer is checked against. Do not "fix" it.
using System.Globalization;
using System.Text;
using Vigil.Core.Text;

namespace Vigil.Scanning.Tests.Envelope.Legacy;

/// <summary>
/// A forward-only JSON writer producing serde_json's exact bytes: compact (<c>{"a":1,"b":[1,2]}</c>) or
/// serde's PrettyFormatter layout (2-space indent, <c>"key": value</c>, one element per line, <c>[]</c>/<c>{}</c>
/// when empty). Floats go through <see cref="JsonNumber"/>, strings through <see cref="JsonString"/>.
/// Commas and indentation are tracked here, so callers only state structure.
/// </summary>
internal sealed class LegacyJsonWriter
{
    private readonly StringBuilder _sb;
    private readonly bool _pretty;
    // One entry per open container: whether it already holds an element.
    private readonly Stack<bool> _hasElements = new();
    private bool _afterName;

    public LegacyJsonWriter(bool pretty = false, StringBuilder? target = null)
    {
        _pretty = pretty;
        _sb = target ?? new StringBuilder(256);
    }

    public void BeginObject()
    {
        BeforeValue();
        _sb.Append('{');
        _hasElements.Push(false);
    }

    public void EndObject() => EndContainer('}');

    public void BeginArray()
    {
        BeforeValue();
        _sb.Append('[');
        _hasElements.Push(false);
    }

    public void EndArray() => EndContainer(']');

    public void PropertyName(string name)
    {
        NextElement();
        LegacyJsonString.Append(_sb, name);
        _sb.Append(_pretty ? ": " : ":");
        _afterName = true;
    }

    public void String(string value)
    {
        BeforeValue();
        LegacyJsonString.Append(_sb, value);
    }

    public void Int(long value)
    {
        BeforeValue();
        _sb.Append(value.ToString(CultureInfo.InvariantCulture));
    }

    public void UInt(ulong value)
    {
        BeforeValue();
        _sb.Append(value.ToString(CultureInfo.InvariantCulture));
    }

    public void Float(double value)
    {
        BeforeValue();
        _sb.Append(JsonNumber.Format(value));
    }

    public void Null()
    {
        BeforeValue();
        _sb.Append("null");
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
            _sb.Append(',');
        }

        if (_pretty)
        {
            _sb.Append('\n').Append(' ', 2 * _hasElements.Count);
        }
    }

    private void EndContainer(char close)
    {
        bool has = _hasElements.Pop();
        if (_pretty && has)
        {
            _sb.Append('\n').Append(' ', 2 * _hasElements.Count);
        }

        _sb.Append(close);
    }
}
