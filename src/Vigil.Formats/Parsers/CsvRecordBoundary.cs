using Vigil.Formats.Engine;

namespace Vigil.Formats.Parsers;

/// <summary>
/// Record ends in RFC 4180 text as <see cref="DelimitedBatchReader"/> reads it. A span without any <c>"</c> cannot
/// hide a terminator inside a field, so its last <c>\n</c> is a record end (a vectorised search); with quotes, the
/// records are walked exactly as the parser walks them (quotes open a field only at its start; <c>""</c> escapes).
/// Parity counting alone would be wrong here: a <c>"</c> inside an unquoted field is a literal, as in the csv crate.
/// </summary>
internal sealed class CsvRecordBoundary(byte delimiter) : IRecordBoundary
{
    public int LastRecordEnd(ReadOnlySpan<byte> data, int maxRecords)
    {
        if (maxRecords <= 0 && !data.Contains((byte)'"'))
        {
            int last = data.LastIndexOf((byte)'\n');
            return last < 0 ? -1 : last + 1;
        }

        return Walk(data, maxRecords);
    }

    /// <summary>Whitespace-only input has no header at all: the first chunk must show whether there is more.</summary>
    public bool AcceptsFirstChunk(ReadOnlySpan<byte> data) => !SniffText.IsUnicodeWhiteSpace(data);

    private int Walk(ReadOnlySpan<byte> data, int maxRecords)
    {
        int pos = 0;
        int cut = -1;
        int records = 0;
        while (pos < data.Length)
        {
            byte first = data[pos];
            if (first == '\n')
            {
                cut = ++pos;
                continue;
            }

            if (first == '\r')
            {
                pos++;
                continue;
            }

            while (true)
            {
                int end = DelimitedBatchReader.FieldEnd(data, pos, delimiter);
                if (end < 0)
                {
                    return cut; // the field runs past the data: not a whole record
                }

                pos = end;
                if (data[pos] == delimiter)
                {
                    pos++;
                    continue;
                }

                if (data[pos] == '\n')
                {
                    cut = ++pos;
                }
                else if (pos + 1 < data.Length)
                {
                    pos += data[pos + 1] == '\n' ? 2 : 1;
                    cut = data[pos - 1] == '\n' ? pos : cut;
                }
                else
                {
                    return cut; // a '\r' at the end: a refill may bring its '\n'
                }

                break;
            }

            records++;
            if (maxRecords > 0 && records >= maxRecords && cut == pos)
            {
                return cut;
            }
        }

        return cut;
    }
}
