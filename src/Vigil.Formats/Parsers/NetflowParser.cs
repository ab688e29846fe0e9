using System.Globalization;
using System.Text;
using Vigil.Core.Columns;
using Vigil.Core.Roles;
using Vigil.Formats.Engine;
using Vigil.Formats.Input;

namespace Vigil.Formats.Parsers;

/// <summary>
/// nfdump CSV export (reference §5.3.25): the header (starting <c>ts,te,td,sa,da,sp,dp,pr</c>) is renamed to
/// readable names, values are trimmed and inferred, and reading stops at the <c>Summary</c> trailer. The
/// <c>start</c>/<c>end</c> datetimes stay strings as in the reference and are also given as
/// <c>start_epoch</c>/<c>end_epoch</c> (Float seconds, read as UTC; role hint sequence) for cadence. <c>dst_port</c>
/// is a category (Str, role hint categorical).
/// </summary>
internal sealed class NetflowParser : IFormatParser, IHeaderedLineFormat<byte[][]>
{
    private static readonly Dictionary<string, string> Renames = new(StringComparer.Ordinal)
    {
        ["ts"] = "start",
        ["te"] = "end",
        ["td"] = "duration",
        ["sa"] = "src_addr",
        ["da"] = "dst_addr",
        ["sp"] = "src_port",
        ["dp"] = "dst_port",
        ["pr"] = "proto",
        ["flg"] = "flags",
        ["ipkt"] = "packets",
        ["ibyt"] = "bytes",
        ["opkt"] = "out_packets",
        ["obyt"] = "out_bytes",
    };

    private static readonly string[] DateFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF"];

    public string Id => "netflow";

    public IReadOnlyList<string> Extensions { get; } = [];

    public SniffConfidence Sniff(ReadOnlySpan<byte> data) =>
        SniffText.TryFirstNonBlankLine(data, out ReadOnlySpan<byte> line) && IsSignature(line) && SniffText.LooksUtf8(data)
            ? SniffConfidence.Strong
            : SniffConfidence.None;

    public ReadOnlySpan<byte> EndMarker => "Summary"u8;

    public IRecordBatchReader Open(InputSource input, BatchOptions options) => new HeaderedLineBatchReader<byte[][]>(this, input, options);

    public byte[][] ParseHeader(ReadOnlySpan<byte> line)
    {
        if (!line.StartsWith("ts,te,td,sa,da,sp,dp,pr"u8))
        {
            throw new FormatParseException(Id, "expected the nfdump CSV header ts,te,td,sa,da,sp,dp,pr,…");
        }

        var names = new List<byte[]>();
        while (true)
        {
            int comma = line.IndexOf((byte)',');
            string name = Encoding.UTF8.GetString(Utf8WhiteSpace.Trim(comma < 0 ? line : line[..comma]));
            names.Add(Encoding.UTF8.GetBytes(Renames.GetValueOrDefault(name, name)));
            if (comma < 0)
            {
                return [.. names];
            }

            line = line[(comma + 1)..];
        }
    }

    public bool IsEnd(ReadOnlySpan<byte> line) => Utf8WhiteSpace.Trim(line).SequenceEqual("Summary"u8);

    public void ParseRow(byte[][] header, ReadOnlySpan<byte> line, ColumnSink sink)
    {
        sink.BeginRecord();
        Span<byte> key = stackalloc byte[16]; // "start_epoch" / "end_epoch"
        int col = 0;
        while (col < header.Length)
        {
            int comma = line.IndexOf((byte)',');
            ReadOnlySpan<byte> name = header[col++];
            ReadOnlySpan<byte> value = Utf8WhiteSpace.Trim(comma < 0 ? line : line[..comma]);
            if (name.SequenceEqual("dst_port"u8) && !value.IsEmpty)
            {
                sink.SetString(name, value);
            }
            else
            {
                sink.SetInferred(name, value);
            }

            if ((name.SequenceEqual("start"u8) || name.SequenceEqual("end"u8)) && TryParseEpoch(value, out double epoch))
            {
                name.CopyTo(key);
                "_epoch"u8.CopyTo(key[name.Length..]);
                sink.SetFloat(key[..(name.Length + 6)], epoch);
            }

            if (comma < 0)
            {
                break;
            }

            line = line[(comma + 1)..];
        }

        for (; col < header.Length; col++)
        {
            sink.SetNull(header[col]);
        }

        sink.EndRecord();
    }

    public Column[] CompleteBatch(Column[] columns)
    {
        for (int i = 0; i < columns.Length; i++)
        {
            columns[i] = columns[i].Name switch
            {
                "dst_port" => columns[i].WithRoleHint(ColumnRole.Categorical),
                "start_epoch" or "end_epoch" => columns[i].WithRoleHint(ColumnRole.Sequence),
                _ => columns[i],
            };
        }

        return columns;
    }

    public void Finish(bool sawHeader)
    {
        if (!sawHeader)
        {
            throw new FormatParseException(Id, "missing the nfdump CSV header");
        }
    }

    /// <summary>A datetime of the export (UTF-8), read as UTC.</summary>
    internal static bool TryParseEpoch(ReadOnlySpan<byte> stamp, out double seconds)
    {
        seconds = 0;
        if (stamp.Length > 64)
        {
            return false; // longer than any accepted form
        }

        Span<char> chars = stackalloc char[stamp.Length];
        int n = Encoding.UTF8.GetChars(stamp, chars);
        return TryParseEpoch(chars[..n], out seconds);
    }

    internal static bool TryParseEpoch(ReadOnlySpan<char> stamp, out double seconds)
    {
        if (DateTime.TryParseExact(stamp, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime t))
        {
            seconds = (t - DateTime.UnixEpoch).Ticks / (double)TimeSpan.TicksPerSecond;
            return true;
        }

        seconds = 0;
        return false;
    }

    private static bool IsSignature(ReadOnlySpan<byte> line)
    {
        ReadOnlySpan<byte> signature = "ts,te,td,sa,da,sp,dp,pr"u8;
        return line.StartsWith(signature) && (line.Length == signature.Length || line[signature.Length] is (byte)',' or (byte)'\r');
    }
}
