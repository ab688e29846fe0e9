using Vigil.Core.Columns;
using Vigil.Core.Values;

using Vigil.Formats.Engine;

namespace Vigil.Formats.Parsers;

/// <summary>
/// Kubernetes CRI container logs (<c>/var/log/pods/**/*.log</c>, <c>/var/log/containers/*.log</c>, written by
/// containerd and CRI-O): <c>&lt;RFC 3339 time&gt; &lt;stdout|stderr&gt; &lt;tag&gt; &lt;message&gt;</c>, one row per
/// line. Not in the reference: its syslog sniff claimed these lines (a timestamp, then "stdout" as host and the tag as
/// app), so this parser is registered just before syslog. Columns: <c>timestamp</c> (Str as written),
/// <c>timestamp_epoch</c> (Float seconds), <c>stream</c>, <c>tag</c> (<c>F</c> full line, <c>P</c> a fragment the
/// runtime split; fragments stay separate rows) and <c>message</c> (Str, the rest of the line verbatim).
/// </summary>
internal sealed class CriParser : IDocumentFormatParser
{
    private const string FormatId = "cri";

    public string Id => FormatId;

    public IReadOnlyList<string> Extensions { get; } = [];

    public SniffConfidence Sniff(ReadOnlySpan<byte> data)
    {
        if (!SniffText.LooksUtf8(data))
        {
            return SniffConfidence.None;
        }

        var lines = new Utf8LineSplitter(TextInput.WithoutBom(data));
        Span<char> buffer = stackalloc char[64];
        while (lines.MoveNext(out ReadOnlySpan<byte> line))
        {
            if (SniffText.IsBlank(line))
            {
                continue;
            }

            // The header (time, stream, tag) is ASCII and well under 64 chars; the message is not inspected.
            int n = 0;
            foreach (byte b in line[..Math.Min(line.Length, buffer.Length)])
            {
                buffer[n++] = b < 0x80 ? (char)b : '\uFFFD';
            }

            return TryMatch(buffer[..n], out _, out _, out _, out _, out _, headerOnly: true) ? SniffConfidence.Strong : SniffConfidence.None;
        }

        return SniffConfidence.None;
    }

    public IReadOnlyList<Column> Parse(ReadOnlyMemory<byte> data)
    {
        string text = TextInput.Decode(data, FormatId);
        var table = new SpanTableBuilder();
        var lines = new LineSplitter(text);
        while (lines.MoveNext(out ReadOnlySpan<char> line))
        {
            if (line.IsWhiteSpace())
            {
                continue;
            }

            if (!TryMatch(line, out ReadOnlySpan<char> stamp, out LogTimestamp ts, out ReadOnlySpan<char> stream, out ReadOnlySpan<char> tag, out ReadOnlySpan<char> message, headerOnly: false))
            {
                throw new FormatParseException(FormatId, "not a CRI log line: expected '<RFC 3339 time> <stdout|stderr> <tag> <message>'", lines.LineNumber);
            }

            table.BeginRecord();
            table.SetString("timestamp", stamp);
            table.SetValue("timestamp_epoch", Value.FromFloat(ts.Epoch));
            table.SetString("stream", stream);
            table.SetString("tag", tag);
            table.SetString("message", message);
            table.EndRecord();
        }

        return table.Build();
    }

    /// <summary>Matches the header; <paramref name="headerOnly"/> (the sniff's cut prefix) ignores the message.</summary>
    private static bool TryMatch(
        ReadOnlySpan<char> line,
        out ReadOnlySpan<char> stamp,
        out LogTimestamp ts,
        out ReadOnlySpan<char> stream,
        out ReadOnlySpan<char> tag,
        out ReadOnlySpan<char> message,
        bool headerOnly)
    {
        stamp = stream = tag = message = default;
        if (!LogTimestamp.TryParseRfc3339(line, out ts, out int length) || length >= line.Length || line[length] != ' ')
        {
            return false;
        }

        stamp = line[..length];
        ReadOnlySpan<char> rest = line[(length + 1)..];
        if (rest.StartsWith("stdout ", StringComparison.Ordinal) || rest.StartsWith("stderr ", StringComparison.Ordinal))
        {
            stream = rest[..6];
            rest = rest[7..];
        }
        else
        {
            return false;
        }

        // The tag: 'P' or 'F', optionally followed by ':'-separated further tags (CRI log format).
        int end = 0;
        while (end < rest.Length && (char.IsAsciiLetter(rest[end]) || rest[end] == ':'))
        {
            end++;
        }

        if (end == 0 || (rest[0] != 'P' && rest[0] != 'F') || (end > 1 && rest[1] != ':'))
        {
            return false;
        }

        tag = rest[..end];
        if (end == rest.Length)
        {
            return true;
        }

        if (rest[end] != ' ')
        {
            return false;
        }

        message = headerOnly ? default : rest[(end + 1)..];
        return true;
    }
}
