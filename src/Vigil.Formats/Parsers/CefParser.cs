using System.Text;
using Vigil.Core.Columns;
using Vigil.Core.Values;

namespace Vigil.Formats.Parsers;

/// <summary>
/// ArcSight Common Event Format lines (reference §5.3.18): <c>CEF:Version|Vendor|Product|Version|SignatureID|Name|Severity|Extension</c>.
/// Header columns <c>cefVersion</c>, <c>deviceVendor</c>, <c>deviceProduct</c>, <c>deviceVersion</c>,
/// <c>signatureId</c>, <c>name</c> (unescaped Str) and <c>severity</c> (inferred); extension <c>key=value</c> pairs
/// are inferred. <c>signatureId</c> carries a categorical role hint. Beyond the reference: a line may carry a syslog
/// header before <c>CEF:</c> (how CEF is sent in practice), adding <c>hostname</c> and <c>timestamp_epoch</c>.
/// </summary>
internal sealed class CefParser : IFormatParser
{
    private const string FormatId = "cef";
    private static readonly string[] Header = ["cefVersion", "deviceVendor", "deviceProduct", "deviceVersion", "signatureId", "name", "severity"];

    public string Id => FormatId;

    public IReadOnlyList<string> Extensions { get; } = ["cef"];

    public SniffConfidence Sniff(ReadOnlySpan<byte> data)
    {
        if (SniffText.FirstLineStartsWith(data, "CEF:"u8) == SniffConfidence.Strong)
        {
            return SniffConfidence.Strong;
        }

        return SniffText.LooksUtf8(data) && SniffText.TryFirstNonBlankLine(data, out ReadOnlySpan<byte> first)
            && first.IndexOf(" CEF:"u8) > 0 && System.Text.Unicode.Utf8.IsValid(first)
            && PayloadStart(Encoding.UTF8.GetString(first)) > 0
            ? SniffConfidence.Strong
            : SniffConfidence.None;
    }

    /// <summary>
    /// Where the CEF payload starts: 0 for a bare <c>CEF:</c> line; after a syslog header (a PRI or a timestamp, the
    /// way devices and collectors deliver CEF: <c>&lt;PRI&gt;stamp host [tag] CEF:0|…</c>, some writing <c>CEF: 0|</c>)
    /// the index of that <c>CEF:</c>; otherwise -1.
    /// </summary>
    internal static int PayloadStart(ReadOnlySpan<char> line)
    {
        if (line.StartsWith("CEF:", StringComparison.Ordinal))
        {
            return 0;
        }

        int at = line.IndexOf(" CEF:", StringComparison.Ordinal);
        if (at <= 0)
        {
            return -1;
        }

        ReadOnlySpan<char> version = line[(at + 5)..].TrimStart(' ');
        int digits = 0;
        while (digits < version.Length && char.IsAsciiDigit(version[digits]))
        {
            digits++;
        }

        if (digits == 0 || digits >= version.Length || version[digits] != '|')
        {
            return -1;
        }

        return SyslogLine.TryParse(line[..at], out SyslogLine header) && (header.Pri >= 0 || header.HasTimestamp) ? at + 1 : -1;
    }

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

            int start = PayloadStart(line);
            if (start < 0)
            {
                throw new FormatParseException(FormatId, "expected a line starting with 'CEF:' (optionally behind a syslog header)", lines.LineNumber);
            }

            // Split on unescaped '|' into at most 8 fields; the 8th (extension) is kept raw.
            fields.Clear();
            ReadOnlySpan<char> rest = start == 0 ? line[4..] : line[(start + 4)..].TrimStart(' ');
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
            if (start > 0 && SyslogLine.TryParse(line[..start], out SyslogLine header))
            {
                // The syslog header's sender and time, named as the syslog parser names them; an extension key of
                // the same name (set later) wins.
                if (header.Hostname.Length > 0)
                {
                    table.SetString("hostname", header.Hostname.Slice(line));
                }

                if (header.HasTimestamp)
                {
                    table.SetValue("timestamp_epoch", Value.FromFloat(header.Timestamp.Epoch));
                }
            }

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
