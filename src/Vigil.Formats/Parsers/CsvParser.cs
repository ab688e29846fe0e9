using Vigil.Formats.Engine;
using Vigil.Formats.Input;

namespace Vigil.Formats.Parsers;

/// <summary>Comma-separated values (reference §5.3.1); the sniff is the last resort for any non-JSON-looking text.</summary>
internal sealed class CsvParser : IFormatParser
{
    public string Id => "csv";

    public IReadOnlyList<string> Extensions { get; } = ["csv"];

    public SniffConfidence Sniff(ReadOnlySpan<byte> data)
    {
        ReadOnlySpan<byte> trimmed = SniffText.TrimStart(TextInput.WithoutBom(data));
        if (trimmed.IsEmpty || trimmed[0] == (byte)'[' || trimmed[0] == (byte)'{' || !SniffText.LooksUtf8(data))
        {
            return SniffConfidence.None;
        }

        return SniffConfidence.Fallback;
    }

    public IRecordBatchReader Open(InputSource input, BatchOptions options) => new DelimitedBatchReader(Id, (byte)',', input, options);
}
