namespace Vigil.Formats.Json;

/// <summary>
/// Growable UTF-8 buffers for turning JSON tokens into cells: a flattened key (<c>alert.category</c>), an unescaped
/// string and a canonical rendering. One per thread (<see cref="ForRecord"/>): parsers are shared singletons called
/// concurrently on different chunks, and a buffer per line would be an allocation per line.
/// </summary>
internal sealed class JsonScratch
{
    [ThreadStatic]
    private static JsonScratch? t_current;

    private byte[] _key = new byte[256];
    private byte[] _text = new byte[256];
    private byte[] _canonical = new byte[256];
    private int _keyLength;
    private int _canonicalLength;

    /// <summary>
    /// This thread's buffers with an empty key, for one record (a record that failed half-way may have left a key
    /// behind). Callers finish with them before starting another record.
    /// </summary>
    public static JsonScratch ForRecord()
    {
        JsonScratch scratch = t_current ??= new JsonScratch();
        scratch._keyLength = 0;
        return scratch;
    }

    /// <summary>The key built so far (see <see cref="PushKey"/>).</summary>
    public ReadOnlySpan<byte> Key => _key.AsSpan(0, _keyLength);

    /// <summary>Appends to the key and returns the length to go back to with <see cref="PopKey"/>.</summary>
    public int PushKey(ReadOnlySpan<byte> part)
    {
        int mark = _keyLength;
        Ensure(ref _key, _keyLength + part.Length, _keyLength);
        part.CopyTo(_key.AsSpan(_keyLength));
        _keyLength += part.Length;
        return mark;
    }

    public void PopKey(int mark) => _keyLength = mark;

    /// <summary>A buffer of at least <paramref name="length"/> bytes for unescaping one string.</summary>
    public Span<byte> Text(int length)
    {
        Ensure(ref _text, length, 0);
        return _text;
    }

    /// <summary>The canonical rendering written since <see cref="ClearCanonical"/>.</summary>
    public ReadOnlySpan<byte> Canonical => _canonical.AsSpan(0, _canonicalLength);

    public void ClearCanonical() => _canonicalLength = 0;

    public void AppendCanonical(byte b)
    {
        Ensure(ref _canonical, _canonicalLength + 1, _canonicalLength);
        _canonical[_canonicalLength++] = b;
    }

    public void AppendCanonical(ReadOnlySpan<byte> bytes)
    {
        Ensure(ref _canonical, _canonicalLength + bytes.Length, _canonicalLength);
        bytes.CopyTo(_canonical.AsSpan(_canonicalLength));
        _canonicalLength += bytes.Length;
    }

    /// <summary>Room for <paramref name="length"/> more bytes of canonical text; commit them with <see cref="AdvanceCanonical"/>.</summary>
    public Span<byte> CanonicalSpace(int length)
    {
        Ensure(ref _canonical, _canonicalLength + length, _canonicalLength);
        return _canonical.AsSpan(_canonicalLength, length);
    }

    public void AdvanceCanonical(int count) => _canonicalLength += count;

    private static void Ensure(ref byte[] buffer, int length, int keep)
    {
        if (length > buffer.Length)
        {
            byte[] grown = new byte[Math.Max(length, buffer.Length * 2)];
            buffer.AsSpan(0, keep).CopyTo(grown);
            buffer = grown;
        }
    }
}
