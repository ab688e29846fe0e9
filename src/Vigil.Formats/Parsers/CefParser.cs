using System.Text;
using Vigil.Core.Columns;

namespace Vigil.Formats.Parsers;

/// <summary>
/// ArcSight Common Event Format lines (reference §5.3.18): <c>CEF:Version|Vendor|Product|Version|SignatureID|Name|Severity|Extension</c>.
/// Header columns <c>cefVersion</c>, <c>deviceVendor</c>, <c>deviceProduct</c>, <c>deviceVersion</c>,
/// <c>signatureId</c>, <c>name</c> (unescaped Str) and <c>severity</c> (inferred); extension <c>key=value</c> pairs
/// are inferred. <c>signatureId</c> carries a categorical role hint. Beyond the reference: a line may carry a syslog
/// header before <c>CEF:</c> (how CEF is sent in practice), adding <c>hostname</c> and <c>timestamp_epoch</c>.
/// </summary>
internal sealed class CefParser : IDocumentFormatParser
{
    private const string FormatId = "cef";
    /// <summary>What starts a CEF payload, bare or behind a syslog header.</summary>
    internal const string Marker = "CEF:";
    private static readonly string[] Header = ["cefVersion", "deviceVendor", "deviceProduct", "deviceVersion", "signatureId", "name", "severity"];

    public string Id => FormatId;

    public IReadOnlyList<string> Extensions { get; } = ["cef"];

    public SniffConfidence Sniff(ReadOnlySpan<byte> data) => SyslogEnvelope.Sniff(data, Marker);

    public IReadOnlyList<Column> Parse(ReadOnlyMemory<byte> data)
    {
        string text = TextInput.Decode(data, FormatId);
        var table = new SpanTableBuilder();
        var lines = new LineSplitter(text);
        var field = new StringBuilder();
        var fields = new List<string>(8);
        while (lines.MoveNext(out ReadOnlySpan<char> line))
        {
            if (line.IsWhiteSpace())
            {
                continue;
            }

            if (!SyslogEnvelope.TryFindPayload(line, Marker, out int start, out SyslogLine header))
            {
                throw new FormatParseException(FormatId, "expected a line starting with 'CEF:' (optionally behind a syslog header)", lines.LineNumber);
            }

            // Split on unescaped '|' into at most 8 fields; the 8th (extension) is kept raw.
            fields.Clear();
            ReadOnlySpan<char> rest = SyslogEnvelope.AfterMarker(line, start, Marker.Length);
            int i = 0;
            field.Clear();
            while (i < rest.Length && fields.Count < 7)
            {
                char c = rest[i];
                if (c == '\\' && i + 1 < rest.Length && rest[i + 1] is '|' or '\\')
                {
                    field.Append(rest[i + 1]);
                    i += 2;
                }
                else if (c == '|')
                {
                    fields.Add(field.ToString());
                    field.Clear();
                    i++;
                }
                else
                {
                    field.Append(c);
                    i++;
                }
            }

            if (fields.Count < 7)
            {
                fields.Add(field.ToString());
            }

            if (fields.Count < 7)
            {
                throw new FormatParseException(FormatId, $"malformed CEF header: expected 7 '|'-separated fields, got {fields.Count}", lines.LineNumber);
            }

            table.BeginRecord();
            SyslogEnvelope.SetHeaderColumns(table, line, in header);
            for (int h = 0; h < 6; h++)
            {
                table.SetString(Header[h], fields[h]);
            }

            table.SetInferred(Header[6], fields[6]);
            SetExtension(table, rest[Math.Min(i, rest.Length)..], field);

            table.EndRecord();
        }

        return CategoricalIds.Mark(table.Build(), "signatureId");
    }

    /// <summary>
    /// Keys are runs of ASCII alphanumerics or '_' at the start or after a space, followed by '='; a value runs to the
    /// next key. ('_' is a Vigil widening of the reference's alphanumerics: vendors such as WithSecure emit
    /// <c>details_alertType=</c>, which would otherwise be swallowed into the previous value.)
    /// </summary>
    private static void SetExtension(SpanTableBuilder table, ReadOnlySpan<char> ext, StringBuilder value)
    {
        int keyStart = NextKey(ext, 0, out int keyEnd);
        while (keyStart >= 0)
        {
            int valueStart = keyEnd + 1;
            int nextKey = NextKey(ext, valueStart, out int nextKeyEnd);
            ReadOnlySpan<char> raw = ext[valueStart..(nextKey < 0 ? ext.Length : nextKey)].TrimEnd();
            value.Clear();
            for (int i = 0; i < raw.Length; i++)
            {
                if (raw[i] == '\\' && i + 1 < raw.Length)
                {
                    i++;
                    value.Append(raw[i] switch { 'n' => '\n', 'r' => '\r', 't' => '\t', char other => other });
                }
                else
                {
                    value.Append(raw[i]);
                }
            }

            table.SetInferred(ext[keyStart..keyEnd], value.ToString());
            keyStart = nextKey;
            keyEnd = nextKeyEnd;
        }
    }

    /// <summary>Start of the first key at or after <paramref name="from"/> (at the start or after a space), or -1.</summary>
    private static int NextKey(ReadOnlySpan<char> ext, int from, out int keyEnd)
    {
        for (int start = from; start < ext.Length; start++)
        {
            if ((start == 0 || ext[start - 1] == ' ') && IsKeyChar(ext[start]))
            {
                int end = start;
                while (end < ext.Length && IsKeyChar(ext[end]))
                {
                    end++;
                }

                if (end < ext.Length && ext[end] == '=')
                {
                    keyEnd = end;
                    return start;
                }
            }
        }

        keyEnd = -1;
        return -1;
    }

    private static bool IsKeyChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
