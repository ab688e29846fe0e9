using Vigil.Core.Columns;

namespace Vigil.Formats.Parsers;

/// <summary>
/// RFC 4180 reading shared by CSV and TSV (reference §5.3.1): <c>"</c> quoting with doubled-quote escapes, <c>\n</c>,
/// <c>\r\n</c> or <c>\r</c> terminators, empty lines skipped, the first record is the header (order and duplicate
/// names kept), short rows padded with Null. A row longer than the header is an error naming its line, rather than
/// the reference's silent truncation, so no data is dropped unseen.
/// </summary>
internal static class DelimitedReader
{
    public static Column[] Read(string text, char delimiter, string format)
    {
        if (text.AsSpan().IsWhiteSpace())
        {
            return []; // an empty file has no header, not a header named "  "
        }

        int pos = 0;
        int line = 1;
        char[] scratch = new char[256];
        var header = new List<string>();
        ColumnBuilder[]? columns = null;
        while (pos < text.Length)
        {
            char first = text[pos];
            if (first == '\n' || first == '\r')
            {
                pos += first == '\r' && pos + 1 < text.Length && text[pos + 1] == '\n' ? 2 : 1;
                line++;
                continue;
            }

            int recordLine = line;
            int field = 0;
            while (true)
            {
                ReadOnlySpan<char> value = ReadField(text, ref pos, ref line, delimiter, ref scratch);
                if (columns is null)
                {
                    header.Add(value.ToString());
                }
                else if (field < columns.Length)
                {
                    TypeInference.AppendInferred(columns[field], value);
                }
                else
                {
                    throw new FormatParseException(format, $"row has more than the header's {columns.Length} fields", recordLine);
                }

                field++;
                if (pos >= text.Length)
                {
                    break;
                }

                char c = text[pos];
                if (c == delimiter)
                {
                    pos++;
                    continue;
                }

                pos += c == '\r' && pos + 1 < text.Length && text[pos + 1] == '\n' ? 2 : 1;
                line++;
                break;
            }

            if (columns is null)
            {
                columns = new ColumnBuilder[header.Count];
                for (int i = 0; i < columns.Length; i++)
                {
                    columns[i] = new ColumnBuilder(header[i]);
                }
            }
            else
            {
                for (int f = field; f < columns.Length; f++)
                {
                    columns[f].AppendNull();
                }
            }
        }

        if (columns is null)
        {
            return [];
        }

        var result = new Column[columns.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = columns[i].Build();
        }

        return result;
    }

    /// <summary>Reads one field and leaves <paramref name="pos"/> on the delimiter, the terminator or the end.</summary>
    private static ReadOnlySpan<char> ReadField(string text, ref int pos, ref int line, char delimiter, ref char[] scratch)
    {
        if (pos < text.Length && text[pos] == '"')
        {
            return ReadQuoted(text, ref pos, ref line, delimiter, ref scratch);
        }

        int start = pos;
        int end = text.AsSpan(pos).IndexOfAny(delimiter, '\n', '\r');
        pos = end < 0 ? text.Length : pos + end;
        return text.AsSpan(start, pos - start);
    }

    private static ReadOnlySpan<char> ReadQuoted(string text, ref int pos, ref int line, char delimiter, ref char[] scratch)
    {
        int n = 0;
        pos++;
        while (true)
        {
            int q = text.IndexOf('"', pos);
            int segmentEnd = q < 0 ? text.Length : q;
            ReadOnlySpan<char> segment = text.AsSpan(pos, segmentEnd - pos);
            line += segment.Count('\n');
            Append(ref scratch, ref n, segment);
            if (q < 0)
            {
                // Unterminated quote: the rest of the input is the field (csv-crate leniency).
                pos = text.Length;
                return scratch.AsSpan(0, n);
            }

            if (q + 1 < text.Length && text[q + 1] == '"')
            {
                Append(ref scratch, ref n, "\"");
                pos = q + 2;
                continue;
            }

            pos = q + 1;
            break;
        }

        // Text after the closing quote up to the delimiter is kept, as the csv crate does.
        int tail = text.AsSpan(pos).IndexOfAny(delimiter, '\n', '\r');
        int tailEnd = tail < 0 ? text.Length : pos + tail;
        Append(ref scratch, ref n, text.AsSpan(pos, tailEnd - pos));
        pos = tailEnd;
        return scratch.AsSpan(0, n);
    }

    private static void Append(ref char[] buffer, ref int n, ReadOnlySpan<char> chars)
    {
        if (n + chars.Length > buffer.Length)
        {
            Array.Resize(ref buffer, Math.Max(n + chars.Length, buffer.Length * 2));
        }

        chars.CopyTo(buffer.AsSpan(n));
        n += chars.Length;
    }
}
