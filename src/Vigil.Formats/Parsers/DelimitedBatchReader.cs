using System.Text;
using Vigil.Core.Columns;
using Vigil.Formats.Engine;
using Vigil.Formats.Input;

namespace Vigil.Formats.Parsers;

/// <summary>
/// RFC 4180 reading shared by CSV and TSV (reference §5.3.1): <c>"</c> quoting with doubled-quote escapes, <c>\n</c>,
/// <c>\r\n</c> or <c>\r</c> terminators, empty lines skipped, the first record is the header (order and duplicate
/// names kept), short rows padded with Null, text after a closing quote kept, an unterminated quote running to the end
/// of input (csv-crate leniency). A row longer than the header is an error naming its line, rather than the
/// reference's silent truncation, so no data is dropped unseen.
/// </summary>
/// <remarks>
/// Works on the UTF-8 bytes: the delimiter, quote and terminators are ASCII and never occur inside a multi-byte
/// sequence, so fields are exactly those of the decoded text; cells go through <see cref="TypeInference"/> on bytes
/// straight into typed columns. The first chunk (with the header) is parsed first; the rest in parallel.
/// </remarks>
internal sealed class DelimitedBatchReader(string format, byte delimiter, InputSource input, BatchOptions options) : ChunkedBatchReader(options)
{
    private readonly RecordChunker _chunker = new(input, new CsvRecordBoundary(delimiter), options.EffectiveBytes, options.MaxRows);
    private string[]? _header;

    /// <summary>
    /// The end of the field starting at <paramref name="pos"/>: the offset of the delimiter or terminator after it, or
    /// -1 when the field runs to the end of <paramref name="data"/> (an unterminated quote, or the last field).
    /// </summary>
    internal static int FieldEnd(ReadOnlySpan<byte> data, int pos, byte delimiter)
    {
        if (pos < data.Length && data[pos] == '"')
        {
            pos++;
            while (true)
            {
                int q = data[pos..].IndexOf((byte)'"');
                if (q < 0)
                {
                    return -1;
                }

                pos += q + 1;
                if (pos < data.Length && data[pos] == '"')
                {
                    pos++;
                    continue;
                }

                break;
            }
        }

        int end = data[pos..].IndexOfAny(delimiter, (byte)'\n', (byte)'\r');
        return end < 0 ? -1 : pos + end;
    }

    protected override InputChunk? NextChunk() => _chunker.Next();

    protected override ParsedChunk Parse(InputChunk chunk)
    {
        ReadOnlySpan<byte> text = chunk.Data;
        text = text[..Utf8Validation.ParsablePrefix(format, text, chunk.ByteOffset, out FormatParseException? invalid)];
        int pos = 0;
        int line = 1;
        if (chunk.IsFirst)
        {
            if (SniffText.IsUnicodeWhiteSpace(text))
            {
                if (invalid is not null)
                {
                    throw invalid;
                }

                // An empty file has no header, not a header named "  " (the chunker made this chunk the whole input).
                _header = [];
                return new ParsedChunk([], 0, chunk.ByteOffset, text.Length, text.Count((byte)'\n'));
            }

            _header = ReadHeader(text, ref pos, ref line);
        }

        string[] header = _header ?? throw new InvalidOperationException("header not read");
        if (header.Length == 0)
        {
            if (invalid is not null)
            {
                throw invalid;
            }

            return new ParsedChunk([], 0, chunk.ByteOffset, text.Length, text.Count((byte)'\n'));
        }

        int capacity = (int)Math.Min(text.Count((byte)'\n') + 1L, int.MaxValue);
        var columns = new ColumnBuilder[header.Length];
        for (int i = 0; i < columns.Length; i++)
        {
            columns[i] = new ColumnBuilder(header[i], capacity, pooled: true);
        }

        byte[] scratch = [];
        int rows = 0;
        while (pos < text.Length)
        {
            if (SkipEmptyLine(text, ref pos, ref line))
            {
                continue;
            }

            int recordLine = line;
            int field = 0;
            while (true)
            {
                if (field >= columns.Length)
                {
                    throw new FormatParseException(format, $"row has more than the header's {columns.Length} fields", recordLine);
                }

                int end = TypeInference.TryAppendPlainNumber(columns[field], text, pos, delimiter);
                if (end >= 0)
                {
                    pos = end;
                }
                else
                {
                    TypeInference.AppendInferred(columns[field], ReadField(text, ref pos, ref line, ref scratch));
                }

                field++;
                if (!NextField(text, ref pos, ref line))
                {
                    break;
                }
            }

            for (int f = field; f < columns.Length; f++)
            {
                columns[f].AppendNull();
            }

            rows++;
        }

        if (invalid is not null)
        {
            throw invalid;
        }

        var built = new Column[columns.Length];
        for (int i = 0; i < built.Length; i++)
        {
            built[i] = columns[i].Build();
        }

        return new ParsedChunk(built, rows, chunk.ByteOffset, text.Length, line - 1);
    }

    private string[] ReadHeader(ReadOnlySpan<byte> text, ref int pos, ref int line)
    {
        var names = new List<string>();
        byte[] scratch = [];
        while (pos < text.Length && SkipEmptyLine(text, ref pos, ref line))
        {
        }

        if (pos >= text.Length)
        {
            return [];
        }

        do
        {
            names.Add(Encoding.UTF8.GetString(ReadField(text, ref pos, ref line, ref scratch)));
        }
        while (NextField(text, ref pos, ref line));
        return [.. names];
    }

    /// <summary>Skips one empty line (a terminator at a record start); false when a record starts here.</summary>
    private static bool SkipEmptyLine(ReadOnlySpan<byte> text, ref int pos, ref int line)
    {
        byte first = text[pos];
        if (first != '\n' && first != '\r')
        {
            return false;
        }

        pos += first == '\r' && pos + 1 < text.Length && text[pos + 1] == '\n' ? 2 : 1;
        line++;
        return true;
    }

    /// <summary>After a field: steps over a delimiter (true: another field follows) or a terminator (false: the record ends).</summary>
    private bool NextField(ReadOnlySpan<byte> text, ref int pos, ref int line)
    {
        if (pos >= text.Length)
        {
            return false;
        }

        byte c = text[pos];
        if (c == delimiter)
        {
            pos++;
            return true;
        }

        pos += c == '\r' && pos + 1 < text.Length && text[pos + 1] == '\n' ? 2 : 1;
        line++;
        return false;
    }

    /// <summary>Reads one field and leaves <paramref name="pos"/> on the delimiter, the terminator or the end.</summary>
    private ReadOnlySpan<byte> ReadField(ReadOnlySpan<byte> text, ref int pos, ref int line, ref byte[] scratch)
    {
        if (pos < text.Length && text[pos] == '"')
        {
            return ReadQuoted(text, ref pos, ref line, ref scratch);
        }

        int start = pos;
        pos = UnquotedEnd(text, pos);
        return text[start..pos];
    }

    /// <summary>The delimiter or terminator ending an unquoted field (or the end): a short scalar look first, as most fields are short.</summary>
    private int UnquotedEnd(ReadOnlySpan<byte> text, int pos)
    {
        int limit = Math.Min(text.Length, pos + 16);
        for (int i = pos; i < limit; i++)
        {
            byte b = text[i];
            if (b == delimiter || b == (byte)'\n' || b == (byte)'\r')
            {
                return i;
            }
        }

        if (limit == text.Length)
        {
            return limit;
        }

        int end = text[limit..].IndexOfAny(delimiter, (byte)'\n', (byte)'\r');
        return end < 0 ? text.Length : limit + end;
    }

    private ReadOnlySpan<byte> ReadQuoted(ReadOnlySpan<byte> text, ref int pos, ref int line, ref byte[] scratch)
    {
        int n = 0;
        pos++;
        while (true)
        {
            int q = text[pos..].IndexOf((byte)'"');
            int segmentEnd = q < 0 ? text.Length : pos + q;
            ReadOnlySpan<byte> segment = text[pos..segmentEnd];
            line += segment.Count((byte)'\n');
            Append(ref scratch, ref n, segment);
            if (q < 0)
            {
                // Unterminated quote: the rest of the input is the field (csv-crate leniency).
                pos = text.Length;
                return scratch.AsSpan(0, n);
            }

            if (segmentEnd + 1 < text.Length && text[segmentEnd + 1] == '"')
            {
                Append(ref scratch, ref n, "\""u8);
                pos = segmentEnd + 2;
                continue;
            }

            pos = segmentEnd + 1;
            break;
        }

        // Text after the closing quote up to the delimiter is kept, as the csv crate does.
        int tail = text[pos..].IndexOfAny(delimiter, (byte)'\n', (byte)'\r');
        int tailEnd = tail < 0 ? text.Length : pos + tail;
        Append(ref scratch, ref n, text[pos..tailEnd]);
        pos = tailEnd;
        return scratch.AsSpan(0, n);
    }

    private static void Append(ref byte[] buffer, ref int n, ReadOnlySpan<byte> bytes)
    {
        if (n + bytes.Length > buffer.Length)
        {
            Array.Resize(ref buffer, Math.Max(n + bytes.Length, Math.Max(256, buffer.Length * 2)));
        }

        bytes.CopyTo(buffer.AsSpan(n));
        n += bytes.Length;
    }
}
