using Vigil.Core.Columns;
using Vigil.Formats.Engine;
using Vigil.Formats.Input;

namespace Vigil.Formats;

/// <summary>Whole-input reads through a parser's batch reader (tests, benchmarks, and callers with bytes in hand).</summary>
public static class FormatParserReading
{
    /// <summary>The columns of the whole input, read in batches and assembled (for a converted parser, this is the old <c>Parse</c>).</summary>
    public static IReadOnlyList<Column> Parse(this IFormatParser parser, ReadOnlyMemory<byte> data, BatchOptions options = default)
    {
        using InputSource input = InputSource.FromMemory("-", data);
        return FormatResolver.ReadAll(parser, input, options).Columns;
    }
}
