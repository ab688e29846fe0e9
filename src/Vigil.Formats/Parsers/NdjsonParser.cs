using System.Text.Json;
using Vigil.Core.Columns;

using Vigil.Formats.Engine;
using Vigil.Formats.Json;

namespace Vigil.Formats.Parsers;

/// <summary>
/// Newline-delimited JSON (reference §5.3.2): one value per non-blank line; an error names its line. Sniffed STRONG
/// when the input starts with <c>{</c>, ≥ 2 of the first 3 non-blank lines start with <c>{</c>, and the first line
/// is a complete object.
/// </summary>
internal sealed class NdjsonParser : ILineFormatParser
{
    public string Id => "ndjson";

    public IReadOnlyList<string> Extensions { get; } = ["ndjson", "jsonl"];

    public SniffConfidence Sniff(ReadOnlySpan<byte> data)
    {
        ReadOnlySpan<byte> body = TextInput.WithoutBom(data);
        ReadOnlySpan<byte> trimmed = SniffText.TrimStart(body);
        if (trimmed.IsEmpty || trimmed[0] != (byte)'{' || !SniffText.LooksUtf8(data))
        {
            return SniffConfidence.None;
        }

        int seen = 0;
        int objects = 0;
        var lines = new Utf8LineSplitter(body);
        while (seen < 3 && lines.MoveNext(out ReadOnlySpan<byte> line))
        {
            if (SniffText.IsBlank(line))
            {
                continue;
            }

            seen++;
            if (SniffText.TrimStart(line)[0] == (byte)'{')
            {
                objects++;
            }
        }

        return objects >= 2 && FirstLineIsCompleteObject(body) ? SniffConfidence.Strong : SniffConfidence.None;
    }

    /// <summary>
    /// Beyond the reference's rule, the first line must hold a whole object: pretty-printed JSON (<c>{</c> alone on
    /// its first line) then goes to the JSON parser instead of failing here.
    /// </summary>
    private static bool FirstLineIsCompleteObject(ReadOnlySpan<byte> body)
    {
        if (!SniffText.TryFirstNonBlankLine(body, out ReadOnlySpan<byte> line))
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(line, JsonValueReader.Options);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public void ParseLine(ReadOnlySpan<byte> line, ColumnSink sink)
    {
        if (SniffText.IsBlank(line))
        {
            return;
        }

        JsonLineReader.ReadValue(line, Id, sink, static (ReadOnlySpan<byte> _, ref Utf8JsonReader reader, ColumnSink records, JsonScratch scratch) => JsonCells.AddRecord(ref reader, records, scratch));
    }
}
