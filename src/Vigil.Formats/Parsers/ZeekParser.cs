using Vigil.Formats.Engine;
using Vigil.Formats.Input;

namespace Vigil.Formats.Parsers;

/// <summary>
/// Zeek TSV logs (reference §5.3.8): <c>#separator</c> (with <c>\xHH</c>), <c>#fields</c> names the columns in
/// order, <c>#unset_field</c> (default <c>-</c>) is Null, <c>#empty_field</c> (default <c>(empty)</c>) is "";
/// values are inferred, short rows padded with Null, extra values dropped. Code-like columns (responder port, DNS
/// qtype/qclass/rcode, HTTP status) are kept as strings with a categorical role hint so their mix feeds χ².
/// Directives may appear anywhere (concatenated logs repeat the header), so the reader tracks them per chunk: see
/// <see cref="ZeekBatchReader"/>.
/// </summary>
internal sealed class ZeekParser : IFormatParser
{
    /// <summary>Numeric-looking codes that are categories, not measurements.</summary>
    internal static readonly HashSet<string> CategoricalFields = new(StringComparer.Ordinal)
    {
        "id.resp_p", "qtype", "qclass", "rcode", "status_code",
    };

    public string Id => "zeek";

    public IReadOnlyList<string> Extensions { get; } = [];

    public SniffConfidence Sniff(ReadOnlySpan<byte> data) =>
        SniffText.TrimStart(TextInput.WithoutBom(data)).StartsWith("#separator"u8) && SniffText.LooksUtf8(data)
            ? SniffConfidence.Strong
            : SniffConfidence.None;

    public IRecordBatchReader Open(InputSource input, BatchOptions options) => new ZeekBatchReader(Id, input, options);
}
