using System.Buffers;
using System.Globalization;
using System.Text;
using Vigil.Core.Columns;
using Vigil.Formats.Engine;

namespace Vigil.Formats.Parsers;

/// <summary>
/// IBM QRadar Log Event Extended Format lines (reference §5.3.19): <c>LEEF:Version|Vendor|Product|Version|EventID|</c>
/// (+ a delimiter field in 2.x) then <c>k=v</c> attributes. Header columns <c>leefVersion</c>, <c>vendor</c>,
/// <c>product</c>, <c>productVersion</c>, <c>eventId</c> (Str, with a categorical role hint); attributes inferred.
/// Beyond the reference: a line may carry a syslog header before <c>LEEF:</c> (how QRadar sources send it,
/// <c>&lt;13&gt;Jan 18 11:07:53 host LEEF:1.0|…</c>), adding <c>hostname</c> and <c>timestamp_epoch</c> as CEF does.
/// </summary>
internal sealed class LeefParser : ILineFormatParser
{
    private const string FormatId = "leef";

    /// <summary>What starts a LEEF payload, bare or behind a syslog header.</summary>
    internal static ReadOnlySpan<byte> Marker => "LEEF:"u8;

    public string Id => FormatId;

    public IReadOnlyList<string> Extensions { get; } = ["leef"];

    public SniffConfidence Sniff(ReadOnlySpan<byte> data) => SyslogEnvelope.Sniff(data, Marker);

    public void ParseLine(ReadOnlySpan<byte> line, ColumnSink sink)
    {
        if (!SyslogEnvelope.TryReadPayloadLine(line, Marker, FormatId, out ReadOnlySpan<byte> rest, out SyslogLine header))
        {
            return;
        }

        bool v2 = rest.StartsWith("2"u8);
        int headerCount = v2 ? 6 : 5;
        Span<Range> parts = stackalloc Range[7];
        int count = SplitPipes(rest, parts[..(headerCount + 1)]);
        if (count < 5)
        {
            throw new FormatParseException(FormatId, $"malformed LEEF header: expected at least 5 '|'-separated fields, got {count}");
        }

        Span<byte> delimiter = stackalloc byte[4];
        int delimiterLength = 1;
        delimiter[0] = (byte)'\t';
        if (v2 && count > 5)
        {
            delimiterLength = ParseDelimiter(rest[parts[5]], delimiter);
        }

        sink.BeginRecord();
        SyslogEnvelope.SetHeaderColumns(sink, line, in header);
        sink.SetString("leefVersion"u8, rest[parts[0]]);
        sink.SetString("vendor"u8, rest[parts[1]]);
        sink.SetString("product"u8, rest[parts[2]]);
        sink.SetString("productVersion"u8, rest[parts[3]]);
        sink.SetString("eventId"u8, rest[parts[4]]);
        if (count > headerCount)
        {
            ReadOnlySpan<byte> attributes = rest[parts[headerCount]];
            ReadOnlySpan<byte> separator = delimiter[..delimiterLength];
            while (true)
            {
                int end = delimiterLength == 0 ? -1 : attributes.IndexOf(separator);
                ReadOnlySpan<byte> kv = end < 0 ? attributes : attributes[..end];
                int eq = kv.IndexOf((byte)'=');
                if (eq > 0)
                {
                    sink.SetInferred(kv[..eq], kv[(eq + 1)..]);
                }

                if (end < 0)
                {
                    break;
                }

                attributes = attributes[(end + delimiterLength)..];
            }
        }

        sink.EndRecord();
    }

    public Column[] CompleteBatch(Column[] columns) => CategoricalIds.Mark(columns, "eventId");

    /// <summary>
    /// <c>ReadOnlySpan&lt;char&gt;.Split(Span&lt;Range&gt;, '|')</c> on bytes: at most <c>parts.Length</c> ranges, the
    /// last holding the remainder; an empty input is one empty range.
    /// </summary>
    private static int SplitPipes(ReadOnlySpan<byte> s, Span<Range> parts)
    {
        int count = 0;
        int start = 0;
        while (count < parts.Length - 1)
        {
            int bar = s[start..].IndexOf((byte)'|');
            if (bar < 0)
            {
                break;
            }

            parts[count++] = start..(start + bar);
            start += bar + 1;
        }

        parts[count++] = start..s.Length;
        return count;
    }

    /// <summary>
    /// A single character, or <c>xHH</c> / <c>\xHH</c> / <c>0xHH</c>; empty means tab. Writes its UTF-8 into
    /// <paramref name="utf8"/> and returns the length; a surrogate code (never a whole character of valid text) gives
    /// 0, which splits nothing.
    /// </summary>
    private static int ParseDelimiter(ReadOnlySpan<byte> field, Span<byte> utf8)
    {
        if (field.IsEmpty)
        {
            utf8[0] = (byte)'\t';
            return 1;
        }

        if (Rune.DecodeFromUtf8(field, out Rune single, out int consumed) == OperationStatus.Done && consumed == field.Length && single.Utf16SequenceLength == 1)
        {
            return single.EncodeToUtf8(utf8);
        }

        ReadOnlySpan<byte> hex = StartsWithIgnoreCase(field, "\\x"u8) || StartsWithIgnoreCase(field, "0x"u8) ? field[2..]
            : StartsWithIgnoreCase(field, "x"u8) ? field[1..]
            : default;
        if (!hex.IsEmpty && hex.Length <= 4 && ushort.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ushort code) && code != 0)
        {
            return Rune.TryCreate((char)code, out Rune rune) ? rune.EncodeToUtf8(utf8) : 0;
        }

        throw new FormatParseException(FormatId, $"invalid LEEF 2.0 delimiter '{Encoding.UTF8.GetString(field)}'");
    }

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> s, ReadOnlySpan<byte> asciiPrefix) =>
        s.Length >= asciiPrefix.Length && Ascii.EqualsIgnoreCase(s[..asciiPrefix.Length], asciiPrefix);
}
