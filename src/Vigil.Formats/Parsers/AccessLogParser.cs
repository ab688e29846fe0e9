using System.Text;
using Vigil.Core.Columns;
using Vigil.Core.Values;

namespace Vigil.Formats.Parsers;

/// <summary>
/// Apache/nginx common and combined access logs (reference §5.3.16). One row per non-blank line: <c>host</c>,
/// <c>ident</c>, <c>user</c>, <c>time</c> (the bracket text), <c>time_epoch</c> (float seconds, a Vigil addition
/// for cadence), <c>method</c>/<c>path</c>/<c>protocol</c> from the request, <c>status</c> and <c>bytes</c>
/// (inferred), optional <c>referer</c> and <c>user_agent</c>. <c>-</c> is Null everywhere.
/// </summary>
internal sealed class AccessLogParser : IDocumentFormatParser
{
    private const string FormatId = "accesslog";
    private static readonly string[] RequestParts = ["method", "path", "protocol"];

    public string Id => FormatId;

    public IReadOnlyList<string> Extensions { get; } = ["accesslog"];

    public SniffConfidence Sniff(ReadOnlySpan<byte> data)
    {
        if (!SniffText.LooksUtf8(data) || !SniffText.TryFirstNonBlankLine(data, out ReadOnlySpan<byte> first)
            || first.IndexOf((byte)'[') < 0 || first.IndexOf((byte)'"') < 0)
        {
            return SniffConfidence.None;
        }

        List<string> tokens = Tokenize(Encoding.UTF8.GetString(first));
        return tokens.Count >= 7
            && ushort.TryParse(tokens[5], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out ushort status)
            && status is >= 100 and <= 599
            && (tokens[6] == "-" || ulong.TryParse(tokens[6], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
            ? SniffConfidence.Strong
            : SniffConfidence.None;
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

            List<string> t = Tokenize(line);
            if (t.Count < 7)
            {
                throw new FormatParseException(FormatId, $"malformed access-log line: expected >= 7 fields, got {t.Count}", lines.LineNumber);
            }

            table.BeginRecord();
            SetField(table, "host", t[0]);
            SetField(table, "ident", t[1]);
            SetField(table, "user", t[2]);
            SetField(table, "time", t[3]);
            if (t[3] != "-" && LogTimestamp.TryParseClf(t[3], out LogTimestamp ts))
            {
                table.SetValue("time_epoch", Value.FromFloat(ts.Epoch));
            }

            if (t[4] != "-")
            {
                ReadOnlySpan<char> request = t[4];
                for (int part = 0; part < 3 && !request.IsEmpty; part++)
                {
                    int space = part < 2 ? request.IndexOf(' ') : -1;
                    ReadOnlySpan<char> piece = space < 0 ? request : request[..space];
                    request = space < 0 ? default : request[(space + 1)..];
                    if (!piece.SequenceEqual("-"))
                    {
                        table.SetString(RequestParts[part], piece);
                    }
                }
            }

            SetInferred(table, "status", t[5]);
            SetInferred(table, "bytes", t[6]);
            if (t.Count > 7)
            {
                SetField(table, "referer", t[7]);
            }

            if (t.Count > 8)
            {
                SetField(table, "user_agent", t[8]);
            }

            table.EndRecord();
        }

        return table.Build();
    }

    /// <summary>Space-separated tokens; <c>[…]</c> runs to <c>]</c>, <c>"…"</c> to the closing quote with <c>\x</c> → <c>x</c>.</summary>
    internal static List<string> Tokenize(ReadOnlySpan<char> line)
    {
        var tokens = new List<string>();
        var sb = new StringBuilder();
        int i = 0;
        while (i < line.Length)
        {
            if (line[i] == ' ')
            {
                i++;
                continue;
            }

            if (line[i] == '[')
            {
                int close = line[(i + 1)..].IndexOf(']');
                int end = close < 0 ? line.Length : i + 1 + close;
                tokens.Add(line[(i + 1)..end].ToString());
                i = end + 1;
            }
            else if (line[i] == '"')
            {
                sb.Clear();
                i++;
                while (i < line.Length && line[i] != '"')
                {
                    if (line[i] == '\\' && i + 1 < line.Length)
                    {
                        i++;
                    }

                    sb.Append(line[i]);
                    i++;
                }

                tokens.Add(sb.ToString());
                i++;
            }
            else
            {
                int start = i;
                while (i < line.Length && line[i] != ' ')
                {
                    i++;
                }

                tokens.Add(line[start..i].ToString());
            }
        }

        return tokens;
    }

    private static void SetField(SpanTableBuilder table, string name, string value)
    {
        if (value != "-")
        {
            table.SetString(name, value);
        }
    }

    private static void SetInferred(SpanTableBuilder table, string name, string value)
    {
        if (value != "-")
        {
            table.SetInferred(name, value);
        }
    }
}
