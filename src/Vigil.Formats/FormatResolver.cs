using Vigil.Core.Columns;
using Vigil.Formats.Engine;
using Vigil.Formats.Input;

namespace Vigil.Formats;

/// <summary>
/// Chooses a parser for an input and parses it (reference §5.1, with the routing gaps of §9 closed):
/// <list type="number">
/// <item>a forced id (<c>--input-format</c>) is used as is and its errors surface;</item>
/// <item>the extension (text after the last '.', or the whole source when it has no '.'; <c>-</c> claims nothing)
/// names the first registered parser claiming it; content sniffing ranks every parser by confidence, the first
/// registered winning ties;</item>
/// <item>a STRONG/MAGIC sniff by a parser registered <em>before</em> the extension's parser (a more specific shape
/// of the same container: Vigil's audit trail or EVE in a <c>.json</c>/<c>.jsonl</c>, nfdump in a <c>.csv</c>) is
/// tried before the extension's parser;</item>
/// <item>when the extension's parser fails, the other STRONG/MAGIC candidates are tried in registration order;
/// without an extension, every candidate of the best STRONG/MAGIC level is tried; a failure never falls to a
/// lower level;</item>
/// <item>a TEXT/FALLBACK claim is a guess (INI takes any line holding ':' or '='): only its first candidate is
/// tried, only when no extension chose, and a failed TEXT guess is "unrecognized format" as in the reference (0.2.2);
/// a failed FALLBACK (CSV) keeps its own error;</item>
/// <item>otherwise the first attempt's error is reported. Blank input is "unrecognized" unless CSV accepts it.</item>
/// </list>
/// </summary>
public static class FormatResolver
{
    /// <summary>The parser that would be tried first, without parsing. Throws <see cref="UnknownFormatException"/>/<see cref="UnknownFormatIdException"/>.</summary>
    public static (IFormatParser Parser, FormatResolution Resolution) Resolve(string source, ReadOnlySpan<byte> data, string? forcedId = null)
    {
        if (forcedId is not null)
        {
            return (Forced(forcedId), FormatResolution.Forced);
        }

        List<(IFormatParser Parser, FormatResolution How)> attempts = Attempts(source, data, out _);
        return attempts.Count > 0 ? attempts[0] : throw new UnknownFormatException(source);
    }

    /// <summary>How much of the input the sniffs see.</summary>
    public const int SniffPrefixBytes = 1 << 20;

    /// <summary>Resolves and parses the input into a corpus.</summary>
    public static RecordSet Normalize(string source, ReadOnlyMemory<byte> data, string? forcedId = null) =>
        Normalize(source, data, forcedId, out _);

    /// <summary>Resolves and parses the input into a corpus, reporting how the parser was chosen.</summary>
    public static RecordSet Normalize(string source, ReadOnlyMemory<byte> data, string? forcedId, out FormatResolution resolution)
    {
        using InputSource input = InputSource.FromMemory(source, data);
        return Normalize(input, forcedId, default, out resolution);
    }

    /// <summary>
    /// Resolves and parses an input. The resolution commits once a parser's first batch parses: a failure there moves
    /// on to the next candidate (the input rewinds), a failure in a later batch is the error.
    /// </summary>
    public static RecordSet Normalize(InputSource input, string? forcedId, BatchOptions options, out FormatResolution resolution)
    {
        if (forcedId is not null)
        {
            IFormatParser forced = Forced(forcedId);
            resolution = FormatResolution.Forced;
            return ReadAll(forced, input, options);
        }

        byte[] prefix = input.Peek(SniffPrefixBytes);
        List<(IFormatParser Parser, FormatResolution How)> attempts = Attempts(input.Name, prefix, out bool weakGuess);
        FormatParseException? firstError = null;
        foreach ((IFormatParser parser, FormatResolution how) in attempts)
        {
            input.Rewind();
            IRecordBatchReader reader = parser.Open(input, options);
            RecordBatch? first;
            try
            {
                first = reader.Read();
            }
            catch (FormatParseException e)
            {
                reader.Dispose();
                firstError ??= e;
                continue;
            }

            resolution = how;
            using (reader)
            {
                return Assemble(input, parser, reader, first);
            }
        }

        bool blank = SniffText.IsBlank(TextInput.WithoutBom(prefix)) && prefix.Length < SniffPrefixBytes;
        if (firstError is null || blank || weakGuess)
        {
            throw new UnknownFormatException(input.Name);
        }

        throw firstError;
    }

    /// <summary>Reads a whole input with one parser (no resolution).</summary>
    public static RecordSet ReadAll(IFormatParser parser, InputSource input, BatchOptions options)
    {
        using IRecordBatchReader reader = parser.Open(input, options);
        RecordBatch? first = reader.Read();
        return Assemble(input, parser, reader, first);
    }

    private static RecordSet Assemble(InputSource input, IFormatParser parser, IRecordBatchReader reader, RecordBatch? first)
    {
        input.Commit();
        var assembler = new RecordBatchAssembler();
        if (first is not null)
        {
            if (input.Length is long length && first.ByteLength > 0 && length > first.ByteOffset + first.ByteLength)
            {
                // Size the columns once from the first batch's density (a little over, as later batches vary).
                double perByte = (double)first.RowCount / first.ByteLength;
                assembler.ExpectedRows = (long)Math.Min(Array.MaxLength, (perByte * (length - first.ByteOffset) * 1.02) + 64);
            }

            assembler.Append(first);
            while (reader.Read() is RecordBatch next)
            {
                assembler.Append(next);
            }
        }

        return new RecordSet(input.Name, parser.Id, assembler.Build());
    }

    /// <summary>The first registered parser whose extensions contain the source's extension, or null.</summary>
    public static IFormatParser? ByExtension(string source)
    {
        if (source == "-" || source.Length == 0)
        {
            return null;
        }

        int dot = source.LastIndexOf('.');
        string ext = (dot < 0 ? source : source[(dot + 1)..]).ToLowerInvariant();
        foreach (IFormatParser parser in FormatRegistry.Parsers)
        {
            foreach (string e in parser.Extensions)
            {
                if (string.Equals(e, ext, StringComparison.Ordinal))
                {
                    return parser;
                }
            }
        }

        return null;
    }

    /// <summary>Parsers sharing the best sniff confidence, in registration order; empty for blank input or no claim.</summary>
    public static List<IFormatParser> SniffCandidates(ReadOnlySpan<byte> data, out SniffConfidence level)
    {
        var best = new List<IFormatParser>();
        level = SniffConfidence.None;
        if (SniffText.IsBlank(TextInput.WithoutBom(data)))
        {
            return best;
        }

        foreach (IFormatParser parser in FormatRegistry.Parsers)
        {
            SniffConfidence c = parser.Sniff(data);
            if (c == SniffConfidence.None || c < level)
            {
                continue;
            }

            if (c > level)
            {
                best.Clear();
                level = c;
            }

            best.Add(parser);
        }

        return best;
    }

    /// <summary>The parsers to try, in order, with how each was chosen; <paramref name="weakGuess"/> when the only one is a TEXT sniff.</summary>
    private static List<(IFormatParser Parser, FormatResolution How)> Attempts(string source, ReadOnlySpan<byte> data, out bool weakGuess)
    {
        weakGuess = false;
        var attempts = new List<(IFormatParser, FormatResolution)>();
        IFormatParser? byExt = ByExtension(source);
        List<IFormatParser> candidates = SniffCandidates(data, out SniffConfidence level);
        bool strong = level >= SniffConfidence.Strong;
        if (byExt is null)
        {
            if (strong)
            {
                attempts.AddRange(candidates.Select(c => (c, FormatResolution.Sniff)));
            }
            else if (candidates.Count > 0)
            {
                // A failed TEXT guess says "not recognised"; CSV, the FALLBACK for any text, keeps its own error
                // (a ragged row, bad UTF-8 past the sniffed prefix), which says more.
                attempts.Add((candidates[0], FormatResolution.Sniff));
                weakGuess = level == SniffConfidence.Text;
            }

            return attempts;
        }

        int extIndex = IndexOf(byExt);
        if (strong)
        {
            attempts.AddRange(candidates.Where(c => IndexOf(c) < extIndex).Select(c => (c, FormatResolution.Sniff)));
        }

        attempts.Add((byExt, FormatResolution.Extension));
        if (strong)
        {
            attempts.AddRange(candidates.Where(c => IndexOf(c) > extIndex).Select(c => (c, FormatResolution.Sniff)));
        }

        return attempts;
    }

    private static int IndexOf(IFormatParser parser)
    {
        IReadOnlyList<IFormatParser> all = FormatRegistry.Parsers;
        for (int i = 0; i < all.Count; i++)
        {
            if (ReferenceEquals(all[i], parser))
            {
                return i;
            }
        }

        return -1;
    }

    private static IFormatParser Forced(string id) => FormatRegistry.Find(id) ?? throw new UnknownFormatIdException(id);
}
