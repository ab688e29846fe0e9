namespace Vigil.Scanning.Requests;

/// <summary>
/// What a scan reads: a file path, or <c>-</c> for standard input opened through <see cref="OpenStdin"/> (so a
/// daemon or a test can hand in any stream). The one place an input source is named; richer sources (compressed,
/// many files, a query) replace this type without changing the rest of the request.
/// </summary>
/// <param name="Source">The path, or <c>-</c> for stdin; it is the envelope's <c>source</c>.</param>
/// <param name="OpenStdin">Opens the stream read when <paramref name="Source"/> is <c>-</c>.</param>
public sealed record ScanInput(string Source, Func<Stream> OpenStdin)
{
    /// <summary>The name that selects standard input.</summary>
    public const string StdinName = "-";

    public bool IsStdin => Source == StdinName;

    /// <summary>A file input; its stdin opener is never called.</summary>
    public static ScanInput File(string path) => new(path, static () => throw new InvalidOperationException("a file input has no stdin"));

    /// <summary>Standard input, read from <paramref name="open"/>.</summary>
    public static ScanInput Stdin(Func<Stream> open) => new(StdinName, open);
}
