using System.Buffers;
using System.Globalization;
using System.Text.Unicode;
using Vigil.Formats.Engine;

namespace Vigil.Formats.Parsers;

/// <summary>
/// Apache/nginx common and combined access logs (reference §5.3.16). One row per non-blank line: <c>host</c>,
/// <c>ident</c>, <c>user</c>, <c>time</c> (the bracket text), <c>time_epoch</c> (float seconds, a Vigil addition
/// for cadence), <c>method</c>/<c>path</c>/<c>protocol</c> from the request, <c>status</c> and <c>bytes</c>
/// (inferred), optional <c>referer</c> and <c>user_agent</c>. <c>-</c> is Null everywhere.
/// </summary>
internal sealed class AccessLogParser : ILineFormatParser
{
    private const string FormatId = "accesslog";
    /// <summary>Fields read: host … user_agent.</summary>
    private const int MaxTokens = 9;

    /// <summary>Longest line whose quoted tokens are unescaped on the stack.</summary>
    private const int StackScratchBytes = 1024;

    public string Id => FormatId;

    public IReadOnlyList<string> Extensions { get; } = ["accesslog"];

    public SniffConfidence Sniff(ReadOnlySpan<byte> data)
    {
        if (!SniffText.LooksUtf8(data) || !SniffText.TryFirstNonBlankLine(data, out ReadOnlySpan<byte> first)
            || first.IndexOf((byte)'[') < 0 || first.IndexOf((byte)'"') < 0 || !Utf8.IsValid(first))
        {
            return SniffConfidence.None;
        }

        byte[] scratch = new byte[first.Length];
        Span<Token> t = stackalloc Token[MaxTokens];
        int count = Tokenize(first, scratch, t);
        return count >= 7
            && ushort.TryParse(t[5].Of(first, scratch), NumberStyles.None, CultureInfo.InvariantCulture, out ushort status)
            && status is >= 100 and <= 599
            && (IsDash(t[6].Of(first, scratch)) || ulong.TryParse(t[6].Of(first, scratch), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            ? SniffConfidence.Strong
            : SniffConfidence.None;
    }

    public void ParseLine(ReadOnlySpan<byte> line, ColumnSink sink)
    {
        if (SniffText.IsUnicodeWhiteSpace(line))
        {
            return;
        }

        // Unescaped quoted tokens never outgrow the line.
        byte[]? rented = line.Length > StackScratchBytes ? ArrayPool<byte>.Shared.Rent(line.Length) : null;
        Span<byte> scratch = rented ?? stackalloc byte[StackScratchBytes];
        try
        {
            Span<Token> t = stackalloc Token[MaxTokens];
            int count = Tokenize(line, scratch, t);
            if (count < 7)
            {
                throw new FormatParseException(FormatId, $"malformed access-log line: expected >= 7 fields, got {count}");
            }

            sink.BeginRecord();
            SetField(sink, "host"u8, t[0].Of(line, scratch));
            SetField(sink, "ident"u8, t[1].Of(line, scratch));
            SetField(sink, "user"u8, t[2].Of(line, scratch));
            ReadOnlySpan<byte> time = t[3].Of(line, scratch);
            SetField(sink, "time"u8, time);
            if (!IsDash(time) && LogTimestamp.TryParseClf(time, out LogTimestamp ts))
            {
                sink.SetFloat("time_epoch"u8, ts.Epoch);
            }

            ReadOnlySpan<byte> request = t[4].Of(line, scratch);
            if (!IsDash(request))
            {
                for (int part = 0; part < 3 && !request.IsEmpty; part++)
                {
                    int space = part < 2 ? request.IndexOf((byte)' ') : -1;
                    ReadOnlySpan<byte> piece = space < 0 ? request : request[..space];
                    request = space < 0 ? default : request[(space + 1)..];
                    if (!IsDash(piece))
                    {
                        sink.SetString(part == 0 ? "method"u8 : part == 1 ? "path"u8 : "protocol"u8, piece);
                    }
                }
            }

            SetInferred(sink, "status"u8, t[5].Of(line, scratch));
            SetInferred(sink, "bytes"u8, t[6].Of(line, scratch));
            if (count > 7)
            {
                SetField(sink, "referer"u8, t[7].Of(line, scratch));
            }

            if (count > 8)
            {
                SetField(sink, "user_agent"u8, t[8].Of(line, scratch));
            }

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

    /// <summary>
    /// Space-separated tokens; <c>[…]</c> runs to <c>]</c>, <c>"…"</c> to the closing quote with <c>\x</c> → <c>x</c>
    /// (unescaped into <paramref name="scratch"/>). Stops once <paramref name="tokens"/> is full (later fields are
    /// never read); returns how many it found.
    /// </summary>
    private static int Tokenize(ReadOnlySpan<byte> line, Span<byte> scratch, Span<Token> tokens)
    {
        int count = 0;
        int used = 0;
        int i = 0;
        while (i < line.Length && count < tokens.Length)
        {
            if (line[i] == (byte)' ')
            {
                i++;
                continue;
            }

            if (line[i] == (byte)'[')
            {
                int close = line[(i + 1)..].IndexOf((byte)']');
                int end = close < 0 ? line.Length : i + 1 + close;
                tokens[count++] = new Token(i + 1, end - i - 1, InScratch: false);
                i = end + 1;
            }
            else if (line[i] == (byte)'"')
            {
                int start = used;
                i++;
                while (i < line.Length && line[i] != (byte)'"')
                {
                    if (line[i] == (byte)'\\' && i + 1 < line.Length)
                    {
                        i++;
                    }

                    scratch[used++] = line[i];
                    i++;
                }

                tokens[count++] = new Token(start, used - start, InScratch: true);
                i++;
            }
            else
            {
                int start = i;
                while (i < line.Length && line[i] != (byte)' ')
                {
                    i++;
                }

                tokens[count++] = new Token(start, i - start, InScratch: false);
            }
        }

        return count;
    }

    private static bool IsDash(ReadOnlySpan<byte> value) => value.Length == 1 && value[0] == (byte)'-';

    private static void SetField(ColumnSink sink, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        if (!IsDash(value))
        {
            sink.SetString(name, value);
        }
    }

    private static void SetInferred(ColumnSink sink, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        if (!IsDash(value))
        {
            sink.SetInferred(name, value);
        }
    }

    /// <summary>A token's bytes: a slice of the line, or of the scratch buffer for an unescaped quoted token.</summary>
    private readonly record struct Token(int Start, int Length, bool InScratch)
    {
        public ReadOnlySpan<byte> Of(ReadOnlySpan<byte> line, ReadOnlySpan<byte> scratch) => (InScratch ? scratch : line).Slice(Start, Length);
    }
}
