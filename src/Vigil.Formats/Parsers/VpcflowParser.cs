using System.Text;
using Vigil.Core.Columns;
using Vigil.Core.Roles;
using Vigil.Formats.Engine;
using Vigil.Formats.Input;

namespace Vigil.Formats.Parsers;

/// <summary>
/// AWS VPC flow logs, version 2 and later with a header line (reference §5.3.26): the whitespace-separated header is
/// renamed (<c>srcaddr</c> → <c>src_addr</c>, …), <c>-</c> is Null, values are inferred, and <c>duration</c> =
/// <c>end − start</c> when both are Int. <c>start</c>/<c>end</c> are already epoch seconds (role hint sequence). <c>dst_port</c> and
/// <c>proto</c> are categories (Str, role hint categorical).
/// </summary>
internal sealed class VpcflowParser : IFormatParser, IHeaderedLineFormat<VpcflowParser.Header>
{
    private static readonly Dictionary<string, string> Renames = new(StringComparer.Ordinal)
    {
        ["srcaddr"] = "src_addr",
        ["dstaddr"] = "dst_addr",
        ["srcport"] = "src_port",
        ["dstport"] = "dst_port",
        ["protocol"] = "proto",
        ["interface-id"] = "interface_id",
        ["account-id"] = "account_id",
        ["log-status"] = "log_status",
    };

    public string Id => "vpcflow";

    public IReadOnlyList<string> Extensions { get; } = [];

    public SniffConfidence Sniff(ReadOnlySpan<byte> data)
    {
        if (!SniffText.TryFirstNonBlankLine(data, out ReadOnlySpan<byte> line) || !SniffText.LooksUtf8(data))
        {
            return SniffConfidence.None;
        }

        bool src = false, dst = false, port = false;
        int i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && SniffText.IsAsciiWhite(line[i]))
            {
                i++;
            }

            int start = i;
            while (i < line.Length && !SniffText.IsAsciiWhite(line[i]))
            {
                i++;
            }

            ReadOnlySpan<byte> token = line[start..i];
            src |= token.SequenceEqual("srcaddr"u8);
            dst |= token.SequenceEqual("dstaddr"u8);
            port |= token.SequenceEqual("dstport"u8);
        }

        return src && dst && port ? SniffConfidence.Strong : SniffConfidence.None;
    }

    public ReadOnlySpan<byte> EndMarker => default;

    public IRecordBatchReader Open(InputSource input, BatchOptions options) => new HeaderedLineBatchReader<Header>(this, input, options);

    public Header ParseHeader(ReadOnlySpan<byte> line)
    {
        Span<Range> ranges = stackalloc Range[Math.Min(line.Length, 256)];
        List<byte[]> names = [];
        int count;
        while ((count = Tokenize(line, ranges)) < 0)
        {
            ranges = new Range[ranges.Length * 2];
        }

        for (int i = 0; i < count; i++)
        {
            string name = Encoding.UTF8.GetString(line[ranges[i]]);
            names.Add(Encoding.UTF8.GetBytes(Renames.GetValueOrDefault(name, name)));
        }

        var header = new Header([.. names]);
        if (header.IndexOf("src_addr"u8) < 0 || header.IndexOf("dst_addr"u8) < 0 || header.IndexOf("dst_port"u8) < 0)
        {
            throw new FormatParseException(Id, "expected a header line naming srcaddr, dstaddr and dstport");
        }

        return header;
    }

    public bool IsEnd(ReadOnlySpan<byte> line) => false;

    public void ParseRow(Header header, ReadOnlySpan<byte> line, ColumnSink sink)
    {
        Span<Range> ranges = stackalloc Range[header.Names.Length];
        int found = Tokenize(line, ranges);
        int count = found < 0 ? ranges.Length : found;
        sink.BeginRecord();
        long? start = null, end = null;
        for (int col = 0; col < header.Names.Length; col++)
        {
            ReadOnlySpan<byte> name = header.Names[col];
            ReadOnlySpan<byte> value = col < count ? line[ranges[col]] : "-"u8;
            if (value.SequenceEqual("-"u8))
            {
                sink.SetNull(name);
                continue;
            }

            if (name.SequenceEqual("dst_port"u8) || name.SequenceEqual("proto"u8))
            {
                sink.SetString(name, value);
                continue;
            }

            sink.SetInferred(name, value);
            if (TypeInference.TryParseRustInt(value, out long n))
            {
                if (name.SequenceEqual("start"u8))
                {
                    start = n;
                }
                else if (name.SequenceEqual("end"u8))
                {
                    end = n;
                }
            }
        }

        if (start is long s && end is long e)
        {
            long difference = unchecked(e - s);
            // No duration when it does not fit, like an absent end.
            if (((e ^ s) & (e ^ difference)) >= 0)
            {
                sink.SetInt("duration"u8, difference);
            }
        }

        sink.EndRecord();
    }

    public Column[] CompleteBatch(Column[] columns)
    {
        for (int i = 0; i < columns.Length; i++)
        {
            columns[i] = columns[i].Name switch
            {
                "dst_port" or "proto" => columns[i].WithRoleHint(ColumnRole.Categorical),
                "start" or "end" => columns[i].WithRoleHint(ColumnRole.Sequence),
                _ => columns[i],
            };
        }

        return columns;
    }

    public void Finish(bool sawHeader)
    {
    }

    /// <summary>
    /// The white-space separated tokens (<see cref="char.IsWhiteSpace(char)"/>) of a line, at most
    /// <c>ranges.Length</c>; -1 when there are more.
    /// </summary>
    private static int Tokenize(ReadOnlySpan<byte> line, Span<Range> ranges)
    {
        int count = 0;
        int i = 0;
        while (i < line.Length)
        {
            i = Utf8WhiteSpace.SkipStart(line, i);
            if (i == line.Length)
            {
                break;
            }

            int start = i;
            while (i < line.Length && Utf8WhiteSpace.WidthAt(line, i) == 0)
            {
                i += line[i] < 0x80 ? 1 : System.Text.Rune.DecodeFromUtf8(line[i..], out _, out int width) == System.Buffers.OperationStatus.Done ? width : 1;
            }

            if (count == ranges.Length)
            {
                return -1;
            }

            ranges[count++] = start..i;
        }

        return count;
    }

    /// <summary>The renamed column names, in header order (UTF-8).</summary>
    internal sealed class Header(byte[][] names)
    {
        public byte[][] Names { get; } = names;

        public int IndexOf(ReadOnlySpan<byte> name)
        {
            for (int i = 0; i < Names.Length; i++)
            {
                if (name.SequenceEqual(Names[i]))
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
