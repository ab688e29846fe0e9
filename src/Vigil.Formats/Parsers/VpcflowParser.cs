using Vigil.Core.Columns;
using Vigil.Core.Roles;
using Vigil.Core.Values;

namespace Vigil.Formats.Parsers;

/// <summary>
/// AWS VPC flow logs, version 2 and later with a header line (reference §5.3.26): the whitespace-separated header is
/// renamed (<c>srcaddr</c> → <c>src_addr</c>, …), <c>-</c> is Null, values are inferred, and <c>duration</c> =
/// <c>end − start</c> when both are Int. <c>start</c>/<c>end</c> are already epoch seconds (role hint sequence). <c>dst_port</c> and
/// <c>proto</c> are categories (Str, role hint categorical).
/// </summary>
internal sealed class VpcflowParser : IDocumentFormatParser
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

    public IReadOnlyList<Column> Parse(ReadOnlyMemory<byte> data)
    {
        string text = TextInput.Decode(data, Id);
        var table = new SpanTableBuilder();
        string[]? header = null;
        var lines = new LineSplitter(text);
        var ranges = new List<Range>();
        while (lines.MoveNext(out ReadOnlySpan<char> line))
        {
            if (line.IsWhiteSpace())
            {
                continue;
            }

            Tokenize(line, ranges);
            if (header is null)
            {
                header = new string[ranges.Count];
                for (int i = 0; i < header.Length; i++)
                {
                    string name = line[ranges[i]].ToString();
                    header[i] = Renames.GetValueOrDefault(name, name);
                }

                if (Array.IndexOf(header, "src_addr") < 0 || Array.IndexOf(header, "dst_addr") < 0 || Array.IndexOf(header, "dst_port") < 0)
                {
                    throw new FormatParseException(Id, "expected a header line naming srcaddr, dstaddr and dstport", lines.LineNumber);
                }

                continue;
            }

            table.BeginRecord();
            long? start = null, end = null;
            for (int col = 0; col < header.Length; col++)
            {
                string name = header[col];
                ReadOnlySpan<char> value = col < ranges.Count ? line[ranges[col]] : "-";
                if (value.SequenceEqual("-"))
                {
                    table.SetValue(name, Value.Null);
                    continue;
                }

                if (name is "dst_port" or "proto")
                {
                    table.SetString(name, value);
                    continue;
                }

                table.SetInferred(name, value);
                if (TypeInference.TryParseRustInt(value, out long n))
                {
                    if (name == "start")
                    {
                        start = n;
                    }
                    else if (name == "end")
                    {
                        end = n;
                    }
                }
            }

            if (start is long s && end is long e)
            {
                long d;
                try
                {
                    d = checked(e - s);
                    table.SetValue("duration", Value.FromInt(d));
                }
                catch (OverflowException)
                {
                    // No duration when it does not fit, like an absent end.
                }
            }

            table.EndRecord();
        }

        Column[] columns = table.Build();
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

    private static void Tokenize(ReadOnlySpan<char> line, List<Range> ranges)
    {
        ranges.Clear();
        int i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && char.IsWhiteSpace(line[i]))
            {
                i++;
            }

            if (i == line.Length)
            {
                break;
            }

            int start = i;
            while (i < line.Length && !char.IsWhiteSpace(line[i]))
            {
                i++;
            }

            ranges.Add(start..i);
        }
    }
}
