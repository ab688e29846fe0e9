using System.Text.Unicode;
using Vigil.Formats.Engine;

namespace Vigil.Formats.Parsers;

/// <summary>
/// Syslog lines, RFC 3164 (BSD) and RFC 5424, loosely (reference §5.3.17). One row per non-blank line: <c>facility</c>
/// and <c>severity</c> from a <c>&lt;PRI&gt;</c>, <c>protocol</c>, <c>timestamp</c> (chrono display text),
/// <c>timestamp_epoch</c> (float seconds, a Vigil addition for cadence), <c>hostname</c>, <c>appname</c>,
/// <c>procid</c>, <c>msgid</c>, <c>sd.&lt;id&gt;.&lt;param&gt;</c> and <c>message</c>. BSD stamps are pinned to
/// 1970 UTC. Parsed straight from the UTF-8 line: no decoding, no regex, no splits.
/// </summary>
internal sealed class SyslogParser : ILineFormatParser
{
    private const string FormatId = "syslog";

    public string Id => FormatId;

    public IReadOnlyList<string> Extensions { get; } = ["syslog"];

    public SniffConfidence Sniff(ReadOnlySpan<byte> data)
    {
        if (!SniffText.LooksUtf8(data) || !SniffText.TryFirstNonBlankLine(data, out ReadOnlySpan<byte> first) || !Utf8.IsValid(first))
        {
            return SniffConfidence.None;
        }

        if (SyslogEnvelope.PayloadStart(first, CefParser.Marker) > 0 || SyslogEnvelope.PayloadStart(first, LeefParser.Marker) > 0)
        {
            // CEF or LEEF behind a syslog header: their parsers read the header too, and the payload is the point.
            return SniffConfidence.None;
        }

        return SyslogLine.TryParse(first, out SyslogLine line) && (line.Pri >= 0 || (line.HasTimestamp && line.Hostname.Length > 0 && line.Appname.Length > 0))
            ? SniffConfidence.Strong
            : SniffConfidence.None;
    }

    public void ParseLine(ReadOnlySpan<byte> line, ColumnSink sink)
    {
        if (SniffText.IsBlank(line))
        {
            return;
        }

        if (!SyslogLine.TryParse(line, out SyslogLine parsed))
        {
            throw new FormatParseException(FormatId, "not a syslog line: no <PRI> header and no recognizable timestamp");
        }

        sink.BeginRecord();
        SyslogColumns.Append(sink, line, in parsed);
        sink.EndRecord();
    }
}
