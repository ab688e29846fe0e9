using Vigil.Core.Columns;
using Vigil.Formats;
using Vigil.Formats.Input;
using Vigil.Scanning.Requests;

namespace Vigil.Scanning.Loading;

/// <summary>Input → scoped corpus: format resolution, parse, and column projection (reference §1.3–1.4).</summary>
internal static class CorpusLoader
{
    /// <summary>Reads and parses <paramref name="input"/> (and disposes it); failures become the contract's error texts.</summary>
    public static RecordSet Normalize(InputSource input, string? forcedFormat)
    {
        string source = input.Name;
        try
        {
            using (input)
            {
                return FormatResolver.Normalize(input, forcedFormat, default, out _);
            }
        }
        catch (InputException e)
        {
            throw new ScanError(e.Message);
        }
        catch (FormatParseException e)
        {
            // The reference's message has no file name; with a baseline there are two inputs, so name the one that failed.
            string where = source == "-" ? "stdin" : source;
            throw new ScanError($"failed to parse {e.Format} input: {where}: {OneLine(e.Detail)}");
        }
        catch (UnknownFormatException e)
        {
            throw new ScanError(OneLine(e.Message));
        }
        catch (UnknownFormatIdException e)
        {
            throw ScanError.Config(OneLine(e.Message));
        }
    }

    /// <summary>
    /// Applies <c>--columns</c>/<c>--exclude</c>. Strict mode (the current corpus) requires every named column to
    /// exist; lenient mode (the baseline) ignores unknown names.
    /// </summary>
    public static RecordSet Scope(RecordSet corpus, ColumnScope flags, bool strict)
    {
        IReadOnlyList<string>? names = flags.Columns ?? flags.Exclude;
        if (names is null)
        {
            return corpus;
        }

        if (strict)
        {
            foreach (string n in names)
            {
                if (corpus.Find(n) is null)
                {
                    throw ScanError.Config($"no such column '{n}'");
                }
            }
        }

        return flags.Columns is not null ? corpus.Select(names) : corpus.Without(names);
    }

    // A parser message must stay one line so the error stays one line.
    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
