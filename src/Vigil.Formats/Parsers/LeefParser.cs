using System.Globalization;
using Vigil.Core.Columns;

namespace Vigil.Formats.Parsers;

/// <summary>
/// IBM QRadar Log Event Extended Format lines (reference §5.3.19): <c>LEEF:Version|Vendor|Product|Version|EventID|</c>
/// (+ a delimiter field in 2.x) then <c>k=v</c> attributes. Header columns <c>leefVersion</c>, <c>vendor</c>,
/// <c>product</c>, <c>productVersion</c>, <c>eventId</c> (Str, with a categorical role hint); attributes inferred.
/// Beyond the reference: a line may carry a syslog header before <c>LEEF:</c> (how QRadar sources send it,
/// <c>&lt;13&gt;Jan 18 11:07:53 host LEEF:1.0|…</c>), adding <c>hostname</c> and <c>timestamp_epoch</c> as CEF does.
/// </summary>
internal sealed class LeefParser : IDocumentFormatParser
{
    private const string FormatId = "leef";

    /// <summary>What starts a LEEF payload, bare or behind a syslog header.</summary>
    internal const string Marker = "LEEF:";
    private static readonly string[] Header = ["leefVersion", "vendor", "product", "productVersion", "eventId"];

    public string Id => FormatId;

    public IReadOnlyList<string> Extensions { get; } = ["leef"];

    public SniffConfidence Sniff(ReadOnlySpan<byte> data) => SyslogEnvelope.Sniff(data, Marker);

    public IReadOnlyList<Column> Parse(ReadOnlyMemory<byte> data)
    {
        string text = TextInput.Decode(data, FormatId);
        var table = new SpanTableBuilder();
        var lines = new LineSplitter(text);
        Span<Range> parts = stackalloc Range[8];
        while (lines.MoveNext(out ReadOnlySpan<char> line))
        {
            if (line.IsWhiteSpace())
            {
                continue;
            }

            if (!SyslogEnvelope.TryFindPayload(line, Marker, out int start, out SyslogLine header))
            {
                throw new FormatParseException(FormatId, "expected a line starting with 'LEEF:' (optionally behind a syslog header)", lines.LineNumber);
            }

            ReadOnlySpan<char> rest = SyslogEnvelope.AfterMarker(line, start, Marker.Length);
            bool v2 = rest.StartsWith('2');
            int headerCount = v2 ? 6 : 5;
            int count = rest.Split(parts[..(headerCount + 1)], '|');
            if (count < 5)
            {
                throw new FormatParseException(FormatId, $"malformed LEEF header: expected at least 5 '|'-separated fields, got {count}", lines.LineNumber);
            }

            table.BeginRecord();
            SyslogEnvelope.SetHeaderColumns(table, line, in header);
            for (int h = 0; h < 5; h++)
            {
                table.SetString(Header[h], rest[parts[h]]);
            }

            char delimiter = '\t';
            if (v2 && count > 5)
            {
                delimiter = ParseDelimiter(rest[parts[5]], lines.LineNumber);
            }

            if (count > headerCount)
            {
                foreach (Range token in rest[parts[headerCount]].Split(delimiter))
                {
                    ReadOnlySpan<char> kv = rest[parts[headerCount]][token];
                    int eq = kv.IndexOf('=');
                    if (eq > 0)
                    {
                        table.SetInferred(kv[..eq], kv[(eq + 1)..]);
                    }
                }
            }

            table.EndRecord();
        }

        return CategoricalIds.Mark(table.Build(), "eventId");
    }

    /// <summary>A single character, or <c>xHH</c> / <c>\xHH</c> / <c>0xHH</c>; empty means tab.</summary>
    private static char ParseDelimiter(ReadOnlySpan<char> field, int line)
    {
        if (field.IsEmpty)
        {
            return '\t';
        }

        if (field.Length == 1)
        {
            return field[0];
        }

        ReadOnlySpan<char> hex = field.StartsWith("\\x", StringComparison.OrdinalIgnoreCase) || field.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? field[2..]
            : field.StartsWith("x", StringComparison.OrdinalIgnoreCase) ? field[1..]
            : default;
        if (!hex.IsEmpty && hex.Length <= 4 && ushort.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ushort code) && code != 0)
        {
            return (char)code;
        }

        throw new FormatParseException(FormatId, $"invalid LEEF 2.0 delimiter '{field}'", line);
    }
}
