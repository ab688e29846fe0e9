using Vigil.Formats.Engine;
using Vigil.Formats.Input;

namespace Vigil.Formats.Parsers;

/// <summary>Tab-separated values (reference §5.3.1): claimed when the first line has a tab before any comma.</summary>
internal sealed class TsvParser : IFormatParser
{
    public string Id => "tsv";

    public IReadOnlyList<string> Extensions { get; } = ["tsv", "tab"];

    public SniffConfidence Sniff(ReadOnlySpan<byte> data)
    {
        ReadOnlySpan<byte> body = TextInput.WithoutBom(data);
        ReadOnlySpan<byte> trimmed = SniffText.TrimStart(body);
        if (trimmed.IsEmpty || trimmed[0] == (byte)'[' || trimmed[0] == (byte)'{' || !SniffText.LooksUtf8(data))
        {
            return SniffConfidence.None;
        }

        int nl = body.IndexOf((byte)'\n');
        ReadOnlySpan<byte> firstLine = nl < 0 ? body : body[..nl];
        int tab = firstLine.IndexOf((byte)'\t');
        int comma = firstLine.IndexOf((byte)',');
        return tab >= 0 && (comma < 0 || tab < comma) ? SniffConfidence.Text : SniffConfidence.None;
    }

    public IRecordBatchReader Open(InputSource input, BatchOptions options) => new DelimitedBatchReader(Id, (byte)'\t', input, options);
}
