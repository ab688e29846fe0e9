using System.Text.Unicode;
using Vigil.Formats.Engine;

namespace Vigil.Formats.Parsers;

/// <summary>
/// A self-describing event payload (<c>CEF:</c>, <c>LEEF:</c>) as devices send it: bare, or behind the RFC 3164 /
/// RFC 5424 header its syslog transport adds (<c>&lt;PRI&gt;stamp host [tag] CEF:0|…</c>,
/// <c>&lt;PRI&gt;1 stamp host app - - - LEEF:2.0|…</c>). One reading of that header for every such format, so the
/// payload parsers and the syslog sniff (which declines these lines) agree on which lines qualify.
/// </summary>
internal static class SyslogEnvelope
{
    /// <summary>
    /// Finds <paramref name="marker"/>'s payload in <paramref name="line"/>: <paramref name="start"/> is 0 for a line
    /// that begins with the marker; after a syslog header (a PRI or a timestamp), it is the index of the marker, which
    /// must follow a space and be followed by a version (<c>digits[.digits]</c>, optionally after spaces: some devices
    /// write <c>CEF: 0|</c>) and <c>|</c>. <paramref name="header"/> is that header (default for a bare line); its ranges
    /// index into <paramref name="line"/>.
    /// </summary>
    public static bool TryFindPayload(ReadOnlySpan<byte> line, ReadOnlySpan<byte> marker, out int start, out SyslogLine header)
    {
        header = default;
        start = 0;
        if (line.StartsWith(marker))
        {
            return true;
        }

        start = -1;
        int at = IndexAfterSpace(line, marker);
        if (at <= 1 || !IsVersionThenPipe(line[(at + marker.Length)..].TrimStart((byte)' ')))
        {
            return false;
        }

        // The header keeps its trailing space so the last word before the payload reads as the hostname.
        if (!SyslogLine.TryParse(line[..at], out header) || (header.Pri < 0 && !header.HasTimestamp))
        {
            header = default;
            return false;
        }

        start = at;
        return true;
    }

    /// <summary>
    /// A payload line as the CEF and LEEF parsers read it: false for a blank line (no record); otherwise the text after
    /// the marker (see <see cref="AfterMarker"/>) and the header before it. A line without the payload is an error.
    /// </summary>
    public static bool TryReadPayloadLine(ReadOnlySpan<byte> line, ReadOnlySpan<byte> marker, string format, out ReadOnlySpan<byte> payload, out SyslogLine header)
    {
        payload = default;
        header = default;
        if (SniffText.IsUnicodeWhiteSpace(line))
        {
            return false;
        }

        if (!TryFindPayload(line, marker, out int start, out header))
        {
            throw new FormatParseException(format, $"expected a line starting with '{System.Text.Encoding.ASCII.GetString(marker)}' (optionally behind a syslog header)");
        }

        payload = AfterMarker(line, start, marker.Length);
        return true;
    }

    /// <summary>Where the payload starts (see <see cref="TryFindPayload"/>), or -1.</summary>
    public static int PayloadStart(ReadOnlySpan<byte> line, ReadOnlySpan<byte> marker) =>
        TryFindPayload(line, marker, out int start, out _) ? start : -1;

    /// <summary>
    /// The payload after its marker: verbatim for a bare line (the reference's reading), with the spaces some devices
    /// put after the marker removed behind a header.
    /// </summary>
    public static ReadOnlySpan<byte> AfterMarker(ReadOnlySpan<byte> line, int start, int markerLength) =>
        start == 0 ? line[markerLength..] : line[(start + markerLength)..].TrimStart((byte)' ');

    /// <summary>
    /// STRONG when the first non-blank line begins with <paramref name="utf8Marker"/>, or carries its payload behind a
    /// syslog header; otherwise none.
    /// </summary>
    public static SniffConfidence Sniff(ReadOnlySpan<byte> data, ReadOnlySpan<byte> utf8Marker)
    {
        if (SniffText.FirstLineStartsWith(data, utf8Marker) == SniffConfidence.Strong)
        {
            return SniffConfidence.Strong;
        }

        return SniffText.LooksUtf8(data) && SniffText.TryFirstNonBlankLine(data, out ReadOnlySpan<byte> first)
            && first.IndexOf(utf8Marker) > 0 && Utf8.IsValid(first)
            && PayloadStart(first, utf8Marker) > 0
            ? SniffConfidence.Strong
            : SniffConfidence.None;
    }

    /// <summary>
    /// The header's sender and time as the syslog parser names them: <c>hostname</c> (when present) and
    /// <c>timestamp_epoch</c> (float seconds; BSD stamps read as 1970 UTC). Nothing for a bare payload. Call before
    /// the payload's own keys so a payload key of the same name wins.
    /// </summary>
    public static void SetHeaderColumns(ColumnSink sink, ReadOnlySpan<byte> line, in SyslogLine header)
    {
        if (header.Hostname.Length > 0)
        {
            sink.SetString("hostname"u8, header.Hostname.Slice(line));
        }

        if (header.HasTimestamp)
        {
            sink.SetFloat("timestamp_epoch"u8, header.Timestamp.Epoch);
        }
    }

    /// <summary>The first index of <paramref name="marker"/> preceded by a space, or -1.</summary>
    private static int IndexAfterSpace(ReadOnlySpan<byte> line, ReadOnlySpan<byte> marker)
    {
        int from = 0;
        while (from < line.Length)
        {
            int hit = line[from..].IndexOf(marker);
            if (hit < 0)
            {
                return -1;
            }

            int at = from + hit;
            if (at > 0 && line[at - 1] == (byte)' ')
            {
                return at;
            }

            from = at + 1;
        }

        return -1;
    }

    private static bool IsVersionThenPipe(ReadOnlySpan<byte> s)
    {
        int i = 0;
        int digits = 0;
        while (i < s.Length && (char.IsAsciiDigit((char)s[i]) || (s[i] == (byte)'.' && digits > 0 && i + 1 < s.Length && char.IsAsciiDigit((char)s[i + 1]))))
        {
            digits += char.IsAsciiDigit((char)s[i]) ? 1 : 0;
            i++;
        }

        return digits > 0 && i < s.Length && s[i] == (byte)'|';
    }
}
