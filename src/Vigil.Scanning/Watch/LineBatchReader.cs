using Vigil.Core.Columns;
using Vigil.Formats;

namespace Vigil.Scanning.Watch;

/// <summary>
/// <see cref="IRecordBatchReader"/> over the scan parsers: each batch of appended lines is parsed as one small
/// document of the format resolved from the first batch, with the file's header line (CSV, TSV, VPC flow logs)
/// remembered and put back in front. A batch that fails to parse is re-read line by line so one bad record costs
/// only itself. Line-oriented formats only: a multi-line document (a JSON array, YAML, XML) cannot be followed.
/// </summary>
internal sealed class LineBatchReader : IRecordBatchReader
{
    private static readonly HashSet<string> HeaderFormats = new(StringComparer.Ordinal) { "csv", "tsv", "vpcflow" };
    private static readonly HashSet<string> QuotedFormats = new(StringComparer.Ordinal) { "csv", "tsv" };
    private readonly string _source;

    public LineBatchReader(string source, string? format, byte[]? header)
    {
        _source = source;
        Format = format;
        Header = header;
    }

    /// <summary>Whether files of <paramref name="format"/> open with a header line.</summary>
    public static bool HasHeader(string format) => HeaderFormats.Contains(format);

    /// <summary>The resolved format id (null until the first batch).</summary>
    public string? Format { get; private set; }

    /// <summary>The remembered header line, '\n' included (null for formats without one).</summary>
    public byte[]? Header { get; private set; }

    /// <summary>
    /// Learns the format and header from the start of a file whose existing content is skipped (following from the
    /// end): <paramref name="head"/> is its first bytes.
    /// </summary>
    public void Prime(byte[] head)
    {
        int firstEnd = Array.IndexOf(head, (byte)'\n') + 1;
        if (firstEnd == 0)
        {
            return;
        }

        Format ??= Resolve(head[..firstEnd]);
        if (HeaderFormats.Contains(Format))
        {
            Header ??= head[..firstEnd];
        }
    }

    public IEnumerable<RecordSet> Read(byte[] lines, long offset, bool fromFileStart, BadRecordTally bad)
    {
        if (lines.Length == 0)
        {
            return [];
        }

        Format ??= Resolve(lines);
        ReadOnlyMemory<byte> body = lines;
        long bodyOffset = offset;
        if (HeaderFormats.Contains(Format) && fromFileStart)
        {
            int firstEnd = Array.IndexOf(lines, (byte)'\n') + 1;
            // A rotated-in file repeats the header (skipped); after a copytruncate the writer just goes on, so a first
            // line that is not the header is data.
            if (Header is null || lines.AsSpan(0, firstEnd).SequenceEqual(Header))
            {
                Header ??= lines[..firstEnd];
                body = lines.AsMemory(firstEnd);
                bodyOffset += firstEnd;
            }
        }

        if (body.IsEmpty)
        {
            return [];
        }

        if (QuotedFormats.Contains(Format) && HasUnbalancedQuotes(body.Span))
        {
            // An unterminated quote would swallow every following line into one field: read line by line instead.
            return ReadLineByLine(body, bodyOffset, bad);
        }

        if (TryParse(body, out RecordSet? whole))
        {
            return [whole];
        }

        return ReadLineByLine(body, bodyOffset, bad);
    }

    // Watch reads one record per line, so a line with an odd number of quotes is a truncated record.
    private static bool HasUnbalancedQuotes(ReadOnlySpan<byte> line)
    {
        if (line.IndexOf((byte)'"') < 0)
        {
            return false;
        }

        int quotes = 0;
        foreach (byte b in line)
        {
            if (b == (byte)'"')
            {
                quotes++;
            }
            else if (b == (byte)'\n')
            {
                if ((quotes & 1) != 0)
                {
                    return true;
                }

                quotes = 0;
            }
        }

        return (quotes & 1) != 0;
    }

    private List<RecordSet> ReadLineByLine(ReadOnlyMemory<byte> body, long offset, BadRecordTally bad)
    {
        var batches = new List<RecordSet>();
        int start = 0;
        ReadOnlySpan<byte> span = body.Span;
        while (start < span.Length)
        {
            int end = span[start..].IndexOf((byte)'\n') + start + 1;
            ReadOnlyMemory<byte> line = body[start..end];
            bool truncated = QuotedFormats.Contains(Format!) && HasUnbalancedQuotes(line.Span);
            if (!truncated && TryParse(line, out RecordSet? one))
            {
                batches.Add(one);
            }
            else
            {
                bad.Add($"{_source}: byte {offset + start}");
            }

            start = end;
        }

        return batches;
    }

    private bool TryParse(ReadOnlyMemory<byte> body, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RecordSet? batch)
    {
        ReadOnlyMemory<byte> data = body;
        if (Header is not null && HeaderFormats.Contains(Format!))
        {
            byte[] joined = new byte[Header.Length + body.Length];
            Header.CopyTo(joined, 0);
            body.Span.CopyTo(joined.AsSpan(Header.Length));
            data = joined;
        }

        try
        {
            batch = FormatResolver.Normalize(_source, data, Format);
            return true;
        }
        catch (FormatParseException)
        {
            batch = null;
            return false;
        }
    }

    private string Resolve(byte[] lines)
    {
        try
        {
            return FormatResolver.Resolve(_source, lines).Parser.Id;
        }
        catch (UnknownFormatException e)
        {
            throw new WatchInputException(e.Message.ReplaceLineEndings(" "));
        }
        catch (UnknownFormatIdException e)
        {
            throw new WatchInputException(e.Message.ReplaceLineEndings(" "));
        }
    }
}
