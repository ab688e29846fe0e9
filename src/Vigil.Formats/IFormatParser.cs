using Vigil.Formats.Engine;
using Vigil.Formats.Input;

namespace Vigil.Formats;

/// <summary>
/// One input format: an id (the envelope's <c>format</c>), the extensions it claims, a deterministic content
/// sniff, and a reader that turns an input into record batches. Parsers are stateless and thread-safe; the state of
/// one read lives in the reader. Most parsers implement <see cref="ILineFormatParser"/> (one record per line) or
/// <see cref="IDocumentFormatParser"/> (the whole document at once) and get <see cref="Open"/> for free.
/// </summary>
public interface IFormatParser
{
    /// <summary>Stable format id, e.g. <c>csv</c>.</summary>
    string Id { get; }

    /// <summary>Lowercase extensions without the dot.</summary>
    IReadOnlyList<string> Extensions { get; }

    /// <summary>Must never throw, whatever the bytes. Sees a bounded prefix of the input.</summary>
    SniffConfidence Sniff(ReadOnlySpan<byte> data);

    /// <summary>
    /// Starts reading <paramref name="input"/> from its current position (byte 0). The reader throws only
    /// <see cref="FormatParseException"/> on bad input (and <see cref="InputException"/> on IO failure).
    /// </summary>
    IRecordBatchReader Open(InputSource input, BatchOptions options);
}
