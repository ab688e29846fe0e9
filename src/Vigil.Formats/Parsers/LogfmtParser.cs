using Vigil.Formats.Engine;

namespace Vigil.Formats.Parsers;

/// <summary>
/// logfmt (reference §5.3.7): one record per non-blank line of space-separated <c>key=value</c> pairs; quoted values
/// are strings with <c>\x</c> → <c>x</c> unescaping, bare values are inferred, <c>key=</c> is Null and a bare
/// <c>key</c> is true. It never fails on a line.
/// </summary>
internal sealed class LogfmtParser : ILineFormatParser
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

    public void ParseLine(ReadOnlySpan<byte> line, ColumnSink sink)
    {
        if (SniffText.IsUnicodeWhiteSpace(line))
        {
            return;
        }

        sink.BeginRecord();
        Span<byte> scratch = line.Length <= 512 ? stackalloc byte[line.Length] : new byte[line.Length];
        int i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && line[i] == (byte)' ')
            {
                i++;
            }

            if (i == line.Length)
            {
                break;
            }

            int keyStart = i;
            while (i < line.Length && line[i] != (byte)'=' && line[i] != (byte)' ')
            {
                i++;
            }

            ReadOnlySpan<byte> key = line[keyStart..i];
            if (i == line.Length || line[i] == (byte)' ')
            {
                sink.SetBool(key, true);
                continue;
            }

            i++;
            if (i < line.Length && line[i] == (byte)'"')
            {
                i++;
                int n = 0;
                while (i < line.Length && line[i] != (byte)'"')
                {
                    if (line[i] == (byte)'\\' && i + 1 < line.Length)
                    {
                        i++;
                    }

                    scratch[n++] = line[i++];
                }

                i = Math.Min(i + 1, line.Length);
                sink.SetString(key, scratch[..n]);
                continue;
            }

            int valueStart = i;
            while (i < line.Length && line[i] != (byte)' ')
            {
                i++;
            }

            sink.SetInferred(key, line[valueStart..i]);
        }

        sink.EndRecord();
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
