using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Vigil.Core.Columns;

using Vigil.Formats.Engine;

namespace Vigil.Formats.Parsers;

/// <summary>
/// Syslog lines, RFC 3164 (BSD) and RFC 5424, loosely (reference §5.3.17). One row per non-blank line: <c>facility</c>
/// and <c>severity</c> from a <c>&lt;PRI&gt;</c>, <c>protocol</c>, <c>timestamp</c> (chrono display text),
/// <c>timestamp_epoch</c> (float seconds, a Vigil addition for cadence), <c>hostname</c>, <c>appname</c>,
/// <c>procid</c>, <c>msgid</c>, <c>sd.&lt;id&gt;.&lt;param&gt;</c> and <c>message</c>. BSD stamps are pinned to
/// 1970 UTC. Parsed straight from a per-line char buffer: no regex, no splits, strings only for kept values.
/// </summary>
internal sealed class SyslogParser : IDocumentFormatParser
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

        string text = Encoding.UTF8.GetString(first);
        if (SyslogEnvelope.PayloadStart(text, CefParser.Marker) > 0 || SyslogEnvelope.PayloadStart(text, LeefParser.Marker) > 0)
        {
            // CEF or LEEF behind a syslog header: their parsers read the header too, and the payload is the point.
            return SniffConfidence.None;
        }

        return SyslogLine.TryParse(text, out SyslogLine line) && (line.Pri >= 0 || (line.HasTimestamp && line.Hostname.Length > 0 && line.Appname.Length > 0))
            ? SniffConfidence.Strong
            : SniffConfidence.None;
    }

    public IReadOnlyList<Column> Parse(ReadOnlyMemory<byte> data)
    {
        ReadOnlySpan<byte> bytes = data.Span;
        TextInput.EnsureUtf8(bytes, FormatId);
        var table = new SyslogColumns();
        char[] buffer = ArrayPool<char>.Shared.Rent(1024);
        Span<char> stamp = stackalloc char[48];
        char[] scratch = new char[256];
        try
        {
            var lines = new Utf8LineSplitter(TextInput.WithoutBom(bytes));
            while (lines.MoveNext(out ReadOnlySpan<byte> raw))
            {
                if (SniffText.IsBlank(raw))
                {
                    continue;
                }

                if (buffer.Length < raw.Length)
                {
                    ArrayPool<char>.Shared.Return(buffer);
                    buffer = ArrayPool<char>.Shared.Rent(raw.Length);
                }

                int n = Encoding.UTF8.GetChars(raw, buffer);
                ReadOnlySpan<char> text = buffer.AsSpan(0, n);
                if (!SyslogLine.TryParse(text, out SyslogLine line))
                {
                    throw new FormatParseException(FormatId, "not a syslog line: no <PRI> header and no recognizable timestamp", lines.LineNumber);
                }

                table.Append(text, in line, stamp, ref scratch);
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }

        return table.Columns.Build();
    }
}
