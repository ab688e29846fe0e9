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
/// 1970 UTC. Each line is decoded into a pooled char buffer and parsed there: no regex, no splits, strings only for new values.
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

    public void ParseLine(ReadOnlySpan<byte> raw, ColumnSink sink)
    {
        if (SniffText.IsBlank(raw))
        {
            return;
        }

        // SyslogLine and LogTimestamp read chars (shared with CEF and LEEF): decode this one line, no more.
        char[] buffer = ArrayPool<char>.Shared.Rent(raw.Length);
        try
        {
            ReadOnlySpan<char> text = buffer.AsSpan(0, Encoding.UTF8.GetChars(raw, buffer));
            if (!SyslogLine.TryParse(text, out SyslogLine line))
            {
                throw new FormatParseException(FormatId, "not a syslog line: no <PRI> header and no recognizable timestamp");
            }

            sink.BeginRecord();
            if (line.Pri >= 0)
            {
                sink.SetInt("facility"u8, line.Pri / 8);
                sink.SetInt("severity"u8, line.Pri % 8);
            }

            sink.SetString("protocol"u8, line.Rfc5424 ? "RFC5424"u8 : "RFC3164"u8);
            if (line.HasTimestamp)
            {
                Span<char> stamp = stackalloc char[48];
                sink.SetString("timestamp"u8, stamp[..line.Timestamp.Format(stamp)]);
                sink.SetFloat("timestamp_epoch"u8, line.Timestamp.Epoch);
            }

            SetText(sink, "hostname"u8, line.Hostname.Slice(text));
            SetText(sink, "appname"u8, line.Appname.Slice(text));
            ReadOnlySpan<char> procid = line.Procid.Slice(text);
            if (!procid.IsEmpty)
            {
                if (TypeInference.TryParseRustInt(procid, out long id))
                {
                    sink.SetInt("procid"u8, id);
                }
                else
                {
                    sink.SetString("procid"u8, procid);
                }
            }

            SetText(sink, "msgid"u8, line.Msgid.Slice(text));
            if (line.Sd.Length > 0)
            {
                SetStructuredData(sink, line.Sd.Slice(text));
            }

            sink.SetString("message"u8, line.Message.Slice(text));
            sink.EndRecord();
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static void SetText(ColumnSink sink, ReadOnlySpan<byte> key, ReadOnlySpan<char> value)
    {
        if (!value.IsEmpty)
        {
            sink.SetString(key, value);
        }
    }

    /// <summary><c>[id k="v" ...][id2 ...]</c> → <c>sd.id.k</c> Str cells (a repeated key keeps its last value: the sink's rule).</summary>
    private static void SetStructuredData(ColumnSink sink, ReadOnlySpan<char> sd)
    {
        // A key is at most "sd." + the whole block; a value at most the block.
        char[] rented = ArrayPool<char>.Shared.Rent((2 * sd.Length) + 8);
        byte[] keyBytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(sd.Length + 4));
        try
        {
            Span<char> key = rented.AsSpan(0, sd.Length + 4);
            Span<char> value = rented.AsSpan(sd.Length + 4);
            int i = 0;
            while (i < sd.Length && sd[i] == '[')
            {
                i++;
                int idStart = i;
                while (i < sd.Length && sd[i] != ' ' && sd[i] != ']')
                {
                    i++;
                }

                ReadOnlySpan<char> id = sd[idStart..i];
                while (i < sd.Length && sd[i] != ']')
                {
                    while (i < sd.Length && sd[i] == ' ')
                    {
                        i++;
                    }

                    int nameStart = i;
                    while (i < sd.Length && sd[i] != '=' && sd[i] != ' ' && sd[i] != ']')
                    {
                        i++;
                    }

                    ReadOnlySpan<char> name = sd[nameStart..i];
                    if (i >= sd.Length || sd[i] != '=' || i + 1 >= sd.Length || sd[i + 1] != '"')
                    {
                        break;
                    }

                    i += 2;
                    int v = 0;
                    while (i < sd.Length && sd[i] != '"')
                    {
                        if (sd[i] == '\\' && i + 1 < sd.Length && sd[i + 1] is '"' or '\\' or ']')
                        {
                            i++;
                        }

                        value[v++] = sd[i];
                        i++;
                    }

                    i++;
                    if (name.Length > 0)
                    {
                        "sd.".CopyTo(key);
                        id.CopyTo(key[3..]);
                        key[3 + id.Length] = '.';
                        name.CopyTo(key[(4 + id.Length)..]);
                        int k = Encoding.UTF8.GetBytes(key[..(4 + id.Length + name.Length)], keyBytes);
                        sink.SetString(keyBytes.AsSpan(0, k), value[..v]);
                    }
                }

                i++;
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
            ArrayPool<byte>.Shared.Return(keyBytes);
        }
    }
}
