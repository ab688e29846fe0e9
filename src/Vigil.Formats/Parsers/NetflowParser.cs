using System.Globalization;
using Vigil.Core.Columns;
using Vigil.Core.Roles;
using Vigil.Core.Values;

namespace Vigil.Formats.Parsers;

/// <summary>
/// nfdump CSV export (reference §5.3.25): the header (starting <c>ts,te,td,sa,da,sp,dp,pr</c>) is renamed to
/// readable names, values are trimmed and inferred, and reading stops at the <c>Summary</c> trailer. The
/// <c>start</c>/<c>end</c> datetimes stay strings as in the reference and are also given as
/// <c>start_epoch</c>/<c>end_epoch</c> (Float seconds, read as UTC; role hint sequence) for cadence. <c>dst_port</c>
/// is a category (Str, role hint categorical).
/// </summary>
internal sealed class NetflowParser : IDocumentFormatParser
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

    public IReadOnlyList<Column> Parse(ReadOnlyMemory<byte> data)
    {
        string text = TextInput.Decode(data, Id);
        var table = new SpanTableBuilder();
        string[]? header = null;
        var lines = new LineSplitter(text);
        while (lines.MoveNext(out ReadOnlySpan<char> line))
        {
            if (line.IsWhiteSpace())
            {
                continue;
            }

            if (header is null)
            {
                if (!line.StartsWith("ts,te,td,sa,da,sp,dp,pr"))
                {
                    throw new FormatParseException(Id, "expected the nfdump CSV header ts,te,td,sa,da,sp,dp,pr,…", lines.LineNumber);
                }

                var names = new List<string>();
                foreach (Range r in line.Split(','))
                {
                    string name = line[r].Trim().ToString();
                    names.Add(Renames.GetValueOrDefault(name, name));
                }

                header = [.. names];
                continue;
            }

            if (line.Trim().SequenceEqual("Summary"))
            {
                break;
            }

            table.BeginRecord();
            int col = 0;
            foreach (Range r in line.Split(','))
            {
                if (col >= header.Length)
                {
                    break;
                }

                string name = header[col++];
                ReadOnlySpan<char> value = line[r].Trim();
                if (name == "dst_port" && !value.IsEmpty)
                {
                    table.SetString(name, value);
                }
                else
                {
                    table.SetInferred(name, value);
                }

                if ((name == "start" || name == "end") && TryParseEpoch(value, out double epoch))
                {
                    table.SetValue(name + "_epoch", Value.FromFloat(epoch));
                }
            }

            for (; col < header.Length; col++)
            {
                table.SetValue(header[col], Value.Null);
            }

            table.EndRecord();
        }

        if (header is null)
        {
            throw new FormatParseException(Id, "missing the nfdump CSV header");
        }

        Column[] columns = table.Build();
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
