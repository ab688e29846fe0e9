using System.Text;
using Vigil.Core.Columns;
using Vigil.Core.Values;

using Vigil.Formats.Engine;

namespace Vigil.Formats.Parsers;

/// <summary>
/// Prometheus text exposition and OpenMetrics text (reference §5.3.23). One row per sample: each label a Str
/// column, <c>timestamp</c> (Int milliseconds) and <c>timestamp_epoch</c> (float seconds, a Vigil addition) when the
/// sample has one, and the metric name as its own Float column (non-finite values → Null). OpenMetrics input (it
/// ends with <c># EOF</c>) carries timestamps in seconds, Prometheus text in milliseconds; both end up in the same
/// two columns. Exemplars after <c>#</c> are ignored.
/// </summary>
internal sealed class PrometheusParser : IDocumentFormatParser
{
    private const string FormatId = "prometheus";

    public string Id => FormatId;

    public IReadOnlyList<string> Extensions { get; } = ["prom"];

    public SniffConfidence Sniff(ReadOnlySpan<byte> data)
    {
        if (!SniffText.LooksUtf8(data))
        {
            return SniffConfidence.None;
        }

        var lines = new Utf8LineSplitter(TextInput.WithoutBom(data));
        while (lines.MoveNext(out ReadOnlySpan<byte> raw))
        {
            if (SniffText.IsBlank(raw))
            {
                continue;
            }

            if (!System.Text.Unicode.Utf8.IsValid(raw))
            {
                return SniffConfidence.None;
            }

            string line = Encoding.UTF8.GetString(raw).Trim();
            if (line.StartsWith('#'))
            {
                ReadOnlySpan<char> directive = line.AsSpan().TrimStart('#').TrimStart();
                if (directive.StartsWith("HELP ", StringComparison.Ordinal) || directive.StartsWith("TYPE ", StringComparison.Ordinal)
                    || directive.StartsWith("UNIT ", StringComparison.Ordinal) || directive.SequenceEqual("EOF"))
                {
                    return SniffConfidence.Strong;
                }

                continue;
            }

            var sample = new PrometheusSample();
            return sample.TryParse(line, openMetrics: false) is null ? SniffConfidence.Strong : SniffConfidence.None;
        }

        return SniffConfidence.None;
    }

    public IReadOnlyList<Column> Parse(ReadOnlyMemory<byte> data)
    {
        string text = TextInput.Decode(data, FormatId);
        bool openMetrics = IsOpenMetrics(text);
        var table = new SpanTableBuilder();
        var sample = new PrometheusSample();
        var lines = new LineSplitter(text);
        while (lines.MoveNext(out ReadOnlySpan<char> raw))
        {
            ReadOnlySpan<char> line = raw.Trim();
            if (line.IsEmpty || line[0] == '#')
            {
                continue;
            }

            if (sample.TryParse(line, openMetrics) is string error)
            {
                throw new FormatParseException(FormatId, error, lines.LineNumber);
            }

            table.BeginRecord();
            foreach (var (name, value) in sample.Labels)
            {
                table.SetString(name, value);
            }

            if (sample.TimestampMs is long ms)
            {
                table.SetValue("timestamp", Value.FromInt(ms));
                table.SetValue("timestamp_epoch", Value.FromFloat(sample.TimestampSeconds));
            }

            table.SetValue(sample.Name, Value.FromFiniteOrNull(sample.Value));
            table.EndRecord();
        }

        return table.Build();
    }

    /// <summary>OpenMetrics requires a final <c># EOF</c> line; Prometheus text never has one.</summary>
    private static bool IsOpenMetrics(ReadOnlySpan<char> text)
    {
        ReadOnlySpan<char> trimmed = text.TrimEnd();
        int nl = trimmed.LastIndexOf('\n');
        return trimmed[(nl + 1)..].Trim().SequenceEqual("# EOF");
    }
}
