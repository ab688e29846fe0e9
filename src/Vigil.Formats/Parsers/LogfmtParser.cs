using Vigil.Core.Columns;
using Vigil.Core.Values;

namespace Vigil.Formats.Parsers;

/// <summary>
/// logfmt (reference §5.3.7): one record per non-blank line of space-separated <c>key=value</c> pairs; quoted values
/// are strings with <c>\x</c> → <c>x</c> unescaping, bare values are inferred, <c>key=</c> is Null and a bare
/// <c>key</c> is true. It never fails on a line.
/// </summary>
internal sealed class LogfmtParser : IFormatParser
{
    public string Id => "logfmt";

    public IReadOnlyList<string> Extensions { get; } = ["logfmt"];

    public SniffConfidence Sniff(ReadOnlySpan<byte> data)
    {
        if (!SniffText.TryFirstNonBlankLine(data, out ReadOnlySpan<byte> line) || !SniffText.LooksUtf8(data))
        {
            return SniffConfidence.None;
        }

        int tokens = 0;
        int pairs = 0;
        int i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && SniffText.IsAsciiWhite(line[i]))
            {
                i++;
            }

            if (i == line.Length)
            {
                break;
            }

            int start = i;
            while (i < line.Length && !SniffText.IsAsciiWhite(line[i]))
            {
                i++;
            }

            tokens++;
            if (IsKeyValueToken(line[start..i]))
            {
                pairs++;
            }
        }

        return tokens >= 2 && pairs >= 1 && 2 * pairs >= tokens ? SniffConfidence.Text : SniffConfidence.None;
    }

    public IReadOnlyList<Column> Parse(ReadOnlyMemory<byte> data)
    {
        string text = TextInput.Decode(data, Id);
        var table = new SpanTableBuilder();
        char[] scratch = new char[128];
        var lines = new LineSplitter(text);
        while (lines.MoveNext(out ReadOnlySpan<char> line))
        {
            if (line.IsWhiteSpace())
            {
                continue;
            }

            table.BeginRecord();
            int i = 0;
            while (i < line.Length)
            {
                while (i < line.Length && line[i] == ' ')
                {
                    i++;
                }

                if (i == line.Length)
                {
                    break;
                }

                int keyStart = i;
                while (i < line.Length && line[i] != '=' && line[i] != ' ')
                {
                    i++;
                }

                ReadOnlySpan<char> key = line[keyStart..i];
                if (i == line.Length || line[i] == ' ')
                {
                    table.SetValue(key, Value.FromBool(true));
                    continue;
                }

                i++;
                if (i < line.Length && line[i] == '"')
                {
                    i++;
                    int n = 0;
                    while (i < line.Length && line[i] != '"')
                    {
                        if (line[i] == '\\' && i + 1 < line.Length)
                        {
                            i++;
                        }

                        if (n == scratch.Length)
                        {
                            Array.Resize(ref scratch, scratch.Length * 2);
                        }

                        scratch[n++] = line[i++];
                    }

                    i = Math.Min(i + 1, line.Length);
                    table.SetString(key, scratch.AsSpan(0, n));
                    continue;
                }

                int valueStart = i;
                while (i < line.Length && line[i] != ' ')
                {
                    i++;
                }

                table.SetInferred(key, line[valueStart..i]);
            }

            table.EndRecord();
        }

        return table.Build();
    }

    /// <summary>A sniff token <c>key=…</c> whose key starts with a letter or '_' and is made of <c>[A-Za-z0-9_.-]</c>.</summary>
    private static bool IsKeyValueToken(ReadOnlySpan<byte> token)
    {
        int eq = token.IndexOf((byte)'=');
        if (eq <= 0 || !(char.IsAsciiLetter((char)token[0]) || token[0] == (byte)'_'))
        {
            return false;
        }

        foreach (byte b in token[..eq])
        {
            if (!(char.IsAsciiLetterOrDigit((char)b) || b is (byte)'_' or (byte)'.' or (byte)'-'))
            {
                return false;
            }
        }

        return true;
    }
}
