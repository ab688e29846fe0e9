namespace Vigil.Formats;

/// <summary>
/// Bad input for a format. The message names the format, the position (line, or byte offset for binary formats)
/// and what was expected; the CLI prints it as <c>failed to parse {format} input: {Detail}</c>.
/// </summary>
public sealed class FormatParseException : Exception
{
    public FormatParseException(string format, string detail, long? line = null)
        : base(line is long l ? $"line {l}: {detail}" : detail)
    {
        Format = format;
        Line = line;
        Detail = Message;
        Reason = detail;
    }

    public string Format { get; }

    /// <summary>1-based line number where the problem is, when there is one.</summary>
    public long? Line { get; }

    /// <summary>The message without the format prefix (e.g. <c>line 3: expected ...</c>).</summary>
    public string Detail { get; }

    /// <summary>What was wrong, without the position (e.g. <c>expected ...</c>).</summary>
    public string Reason { get; }

    /// <summary>The same error moved down by <paramref name="lines"/> lines (a chunk's relative line made absolute).</summary>
    public FormatParseException ShiftedBy(long lines) => Line is long l ? new FormatParseException(Format, Reason, l + lines) : this;
}
