using System.Buffers;
using Vigil.Core.Columns;
using Vigil.Formats.Engine;

namespace Vigil.Formats.Parsers;

/// <summary>
/// ArcSight Common Event Format lines (reference §5.3.18): <c>CEF:Version|Vendor|Product|Version|SignatureID|Name|Severity|Extension</c>.
/// Header columns <c>cefVersion</c>, <c>deviceVendor</c>, <c>deviceProduct</c>, <c>deviceVersion</c>,
/// <c>signatureId</c>, <c>name</c> (unescaped Str) and <c>severity</c> (inferred); extension <c>key=value</c> pairs
/// are inferred. <c>signatureId</c> carries a categorical role hint. Beyond the reference: a line may carry a syslog
/// header before <c>CEF:</c> (how CEF is sent in practice), adding <c>hostname</c> and <c>timestamp_epoch</c>.
/// </summary>
internal sealed class CefParser : ILineFormatParser
{
    private const string FormatId = "cef";
    /// <summary>What starts a CEF payload, bare or behind a syslog header.</summary>
    internal static ReadOnlySpan<byte> Marker => "CEF:"u8;

    /// <summary>Longest payload unescaped on the stack.</summary>
    private const int StackScratchBytes = 1024;

    public string Id => FormatId;

    public IReadOnlyList<string> Extensions { get; } = ["cef"];

    public SniffConfidence Sniff(ReadOnlySpan<byte> data) => SyslogEnvelope.Sniff(data, Marker);

    public void ParseLine(ReadOnlySpan<byte> line, ColumnSink sink)
    {
        if (!SyslogEnvelope.TryReadPayloadLine(line, Marker, FormatId, out ReadOnlySpan<byte> rest, out SyslogLine header))
        {
            return;
        }

        byte[]? rented = rest.Length > StackScratchBytes ? ArrayPool<byte>.Shared.Rent(rest.Length) : null;
        Span<byte> scratch = rented ?? stackalloc byte[StackScratchBytes];
        try
        {
            // Split on unescaped '|' into at most 8 fields, unescaped one after another in scratch; the 8th
            // (extension) is kept raw.
            Span<Range> fields = stackalloc Range[7];
            int count = 0;
            int used = 0;
            int fieldStart = 0;
            int i = 0;
            while (i < rest.Length && count < 7)
            {
                byte c = rest[i];
                if (c == (byte)'\\' && i + 1 < rest.Length && rest[i + 1] is (byte)'|' or (byte)'\\')
                {
                    scratch[used++] = rest[i + 1];
                    i += 2;
                }
                else if (c == (byte)'|')
                {
                    fields[count++] = fieldStart..used;
                    fieldStart = used;
                    i++;
                }
                else
                {
                    scratch[used++] = c;
                    i++;
                }
            }

            if (count < 7)
            {
                fields[count++] = fieldStart..used;
            }

            if (count < 7)
            {
                throw new FormatParseException(FormatId, $"malformed CEF header: expected 7 '|'-separated fields, got {count}");
            }

            sink.BeginRecord();
            SyslogEnvelope.SetHeaderColumns(sink, line, in header);
            sink.SetString("cefVersion"u8, scratch[fields[0]]);
            sink.SetString("deviceVendor"u8, scratch[fields[1]]);
            sink.SetString("deviceProduct"u8, scratch[fields[2]]);
            sink.SetString("deviceVersion"u8, scratch[fields[3]]);
            sink.SetString("signatureId"u8, scratch[fields[4]]);
            sink.SetString("name"u8, scratch[fields[5]]);
            sink.SetInferred("severity"u8, scratch[fields[6]]);
            SetExtension(sink, rest[Math.Min(i, rest.Length)..], scratch);
            sink.EndRecord();
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public Column[] CompleteBatch(Column[] columns) => CategoricalIds.Mark(columns, "signatureId");

    /// <summary>
    /// Keys are runs of ASCII alphanumerics or '_' at the start or after a space, followed by '='; a value runs to the
    /// next key. ('_' is a Vigil widening of the reference's alphanumerics: vendors such as WithSecure emit
    /// <c>details_alertType=</c>, which would otherwise be swallowed into the previous value.)
    /// </summary>
    private static void SetExtension(ColumnSink sink, ReadOnlySpan<byte> ext, Span<byte> scratch)
    {
        int keyStart = NextKey(ext, 0, out int keyEnd);
        while (keyStart >= 0)
        {
            int valueStart = keyEnd + 1;
            int nextKey = NextKey(ext, valueStart, out int nextKeyEnd);
            ReadOnlySpan<byte> raw = Utf8WhiteSpace.TrimEnd(ext[valueStart..(nextKey < 0 ? ext.Length : nextKey)]);
            int n = 0;
            for (int i = 0; i < raw.Length; i++)
            {
                if (raw[i] == (byte)'\\' && i + 1 < raw.Length)
                {
                    i++;
                    scratch[n++] = raw[i] switch { (byte)'n' => (byte)'\n', (byte)'r' => (byte)'\r', (byte)'t' => (byte)'\t', byte other => other };
                }
                else
                {
                    scratch[n++] = raw[i];
                }
            }

            sink.SetInferred(ext[keyStart..keyEnd], scratch[..n]);
            keyStart = nextKey;
            keyEnd = nextKeyEnd;
        }
    }

    /// <summary>Start of the first key at or after <paramref name="from"/> (at the start or after a space), or -1.</summary>
    private static int NextKey(ReadOnlySpan<byte> ext, int from, out int keyEnd)
    {
        for (int start = from; start < ext.Length; start++)
        {
            if ((start == 0 || ext[start - 1] == (byte)' ') && IsKeyChar(ext[start]))
            {
                int end = start;
                while (end < ext.Length && IsKeyChar(ext[end]))
                {
                    end++;
                }

                if (end < ext.Length && ext[end] == (byte)'=')
                {
                    keyEnd = end;
                    return start;
                }
            }
        }

        keyEnd = -1;
        return -1;
    }

    private static bool IsKeyChar(byte c) => char.IsAsciiLetterOrDigit((char)c) || c == (byte)'_';
}
