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
internal sealed class CriParser : ILineFormatParser
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
        while (lines.MoveNext(out ReadOnlySpan<byte> line))
        {
            if (SniffText.IsBlank(line))
            {
                continue;
            }

            // The header (time, stream, tag) is ASCII and well under 64 bytes; the message is not inspected.
            return TryMatch(line[..Math.Min(line.Length, 64)], out _, out _, out _, out _, out _, headerOnly: true) ? SniffConfidence.Strong : SniffConfidence.None;
        }

        return SniffConfidence.None;
    }

    public void ParseLine(ReadOnlySpan<byte> line, ColumnSink sink)
    {
        if (SniffText.IsUnicodeWhiteSpace(line))
        {
            return;
        }

        if (!TryMatch(line, out ReadOnlySpan<byte> stamp, out LogTimestamp ts, out ReadOnlySpan<byte> stream, out ReadOnlySpan<byte> tag, out ReadOnlySpan<byte> message, headerOnly: false))
        {
            throw new FormatParseException(FormatId, "not a CRI log line: expected '<RFC 3339 time> <stdout|stderr> <tag> <message>'");
        }

        sink.BeginRecord();
        sink.SetString("timestamp"u8, stamp);
        sink.SetFloat("timestamp_epoch"u8, ts.Epoch);
        sink.SetString("stream"u8, stream);
        sink.SetString("tag"u8, tag);
        sink.SetString("message"u8, message);
        sink.EndRecord();
    }

    /// <summary>Matches the header; <paramref name="headerOnly"/> (the sniff's cut prefix) ignores the message.</summary>
    private static bool TryMatch(
        ReadOnlySpan<byte> line,
        out ReadOnlySpan<byte> stamp,
        out LogTimestamp ts,
        out ReadOnlySpan<byte> stream,
        out ReadOnlySpan<byte> tag,
        out ReadOnlySpan<byte> message,
        bool headerOnly)
    {
        stamp = stream = tag = message = default;
        if (!LogTimestamp.TryParseRfc3339(line, out ts, out int length) || length >= line.Length || line[length] != ' ')
        {
            return false;
        }

        stamp = line[..length];
        ReadOnlySpan<byte> rest = line[(length + 1)..];
        if (rest.StartsWith("stdout "u8) || rest.StartsWith("stderr "u8))
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
        while (end < rest.Length && (char.IsAsciiLetter((char)rest[end]) || rest[end] == ':'))
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
