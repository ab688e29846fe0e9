using System.Text.Json;
using Vigil.Core.Columns;
using Vigil.Formats.Engine;
using Vigil.Formats.Json;

namespace Vigil.Formats.Parsers;

/// <summary>One JSON document (reference §5.3.3): an array yields a record per element, anything else one record.</summary>
internal sealed class JsonParser : IDocumentFormatParser
{
    public string Id => "json";

    public IReadOnlyList<string> Extensions { get; } = ["json"];

    public SniffConfidence Sniff(ReadOnlySpan<byte> data)
    {
        ReadOnlySpan<byte> trimmed = SniffText.TrimStart(TextInput.WithoutBom(data));
        return !trimmed.IsEmpty && (trimmed[0] == (byte)'[' || trimmed[0] == (byte)'{') && SniffText.LooksUtf8(data)
            ? SniffConfidence.Text
            : SniffConfidence.None;
    }

    public IReadOnlyList<Column> Parse(ReadOnlyMemory<byte> data)
    {
        ReadOnlySpan<byte> bytes = data.Span;
        TextInput.EnsureUtf8(bytes, Id);
        bytes = TextInput.WithoutBom(bytes);
        var sink = new ColumnSink();
        var reader = new Utf8JsonReader(bytes, JsonValueReader.Options);
        try
        {
            if (!reader.Read())
            {
                throw new FormatParseException(Id, "EOF while parsing a value", 1);
            }

            if (reader.TokenType == JsonTokenType.StartArray)
            {
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    JsonCells.AddRecord(ref reader, sink, JsonScratch.ForRecord());
                }
            }
            else
            {
                JsonCells.AddRecord(ref reader, sink, JsonScratch.ForRecord());
            }

            if (reader.Read())
            {
                throw new FormatParseException(Id, "trailing characters after the JSON value", LineOf(bytes, (int)reader.TokenStartIndex));
            }
        }
        catch (JsonException e)
        {
            throw new FormatParseException(Id, JsonValueReader.DescribeError(e), (e.LineNumber ?? 0) + 1);
        }
        catch (InvalidOperationException e)
        {
            throw new FormatParseException(Id, e.Message, LineOf(bytes, (int)reader.TokenStartIndex));
        }

        return sink.Build();
    }

    private static long LineOf(ReadOnlySpan<byte> bytes, int offset) => bytes[..Math.Min(offset, bytes.Length)].Count((byte)'\n') + 1;
}
