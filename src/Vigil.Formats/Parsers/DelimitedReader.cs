using System.Text;
using Vigil.Core.Columns;

namespace Vigil.Formats.Parsers;

/// <summary>
/// RFC 4180 reading shared by CSV and TSV (reference §5.3.1): <c>"</c> quoting with doubled-quote escapes, <c>\n</c>,
/// <c>\r\n</c> or <c>\r</c> terminators, empty lines skipped, the first record is the header (order and duplicate
/// names kept), short rows padded with Null. A row longer than the header is an error naming its line, rather than
/// the reference's silent truncation, so no data is dropped unseen.
/// </summary>
/// <remarks>
/// Reads the UTF-8 bytes directly (the input is validated first) and decodes one field at a time into a scratch
/// buffer: the delimiter, quote and terminators are ASCII, which never occurs inside a multi-byte sequence, so the
/// fields are exactly those of the decoded text, without a UTF-16 copy of the whole input.
/// </remarks>
internal static class DelimitedReader
{
    public static Column[] Read(ReadOnlyMemory<byte> data, byte delimiter, string format)
    {
        ReadOnlySpan<byte> raw = data.Span;
        TextInput.EnsureUtf8(raw, format);
        ReadOnlySpan<byte> text = TextInput.WithoutBom(raw);
        if (IsWhiteSpace(text))
        {
            return []; // an empty file has no header, not a header named "  "
        }

        int pos = 0;
        int line = 1;
        byte[] quoted = new byte[256];
        char[] chars = new char[256];
        var header = new List<string>();
        ColumnBuilder[]? columns = null;
        while (pos < text.Length)
        {
            byte first = text[pos];
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
                ReadOnlySpan<char> value = Decode(ReadField(text, ref pos, ref line, delimiter, ref quoted), ref chars);
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

                byte c = text[pos];
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
                int capacity = RowCapacity(text, header.Count);
                columns = new ColumnBuilder[header.Count];
                for (int i = 0; i < columns.Length; i++)
                {
                    columns[i] = new ColumnBuilder(header[i], capacity);
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

    /// <summary>
    /// Rows to reserve per column so the builders do not grow by doubling: one per line (quoted line breaks make it
    /// an overestimate), capped so the reservation stays within a few times the input's size.
    /// </summary>
    private static int RowCapacity(ReadOnlySpan<byte> text, int columnCount)
    {
        long lines = (long)text.Count((byte)'\n') + 1;
        long cap = Math.Max(16L, 4L * text.Length / (9L * Math.Max(1, columnCount)));
        return (int)Math.Min(lines, cap);
    }

    /// <summary>Reads one field and leaves <paramref name="pos"/> on the delimiter, the terminator or the end.</summary>
    private static ReadOnlySpan<byte> ReadField(ReadOnlySpan<byte> text, ref int pos, ref int line, byte delimiter, ref byte[] scratch)
    {
        if (pos < text.Length && text[pos] == '"')
        {
            return ReadQuoted(text, ref pos, ref line, delimiter, ref scratch);
        }

        int start = pos;
        int end = text[pos..].IndexOfAny(delimiter, (byte)'\n', (byte)'\r');
        pos = end < 0 ? text.Length : pos + end;
        return text[start..pos];
    }

    private static ReadOnlySpan<byte> ReadQuoted(ReadOnlySpan<byte> text, ref int pos, ref int line, byte delimiter, ref byte[] scratch)
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
            Array.Resize(ref buffer, Math.Max(n + bytes.Length, buffer.Length * 2));
        }

        bytes.CopyTo(buffer.AsSpan(n));
        n += bytes.Length;
    }

    // A field never splits a multi-byte sequence (it ends at an ASCII byte or the end of valid input), so it decodes
    // on its own; UTF-16 never needs more units than UTF-8 has bytes.
    private static ReadOnlySpan<char> Decode(ReadOnlySpan<byte> field, ref char[] buffer)
    {
        if (buffer.Length < field.Length)
        {
            buffer = new char[Math.Max(field.Length, buffer.Length * 2)];
        }

        // Most fields are ASCII: widen them directly, and only run the full decoder on the rest.
        return Ascii.ToUtf16(field, buffer, out int written) == System.Buffers.OperationStatus.Done
            ? buffer.AsSpan(0, written)
            : buffer.AsSpan(0, Encoding.UTF8.GetChars(field, buffer));
    }

    /// <summary><see cref="MemoryExtensions.IsWhiteSpace(ReadOnlySpan{char})"/> of the decoded text, stopping at the first other character.</summary>
    private static bool IsWhiteSpace(ReadOnlySpan<byte> text)
    {
        while (!text.IsEmpty)
        {
            Rune.DecodeFromUtf8(text, out Rune rune, out int consumed);
            if (!Rune.IsWhiteSpace(rune))
            {
                return false;
            }

            text = text[consumed..];
        }

        return true;
    }
}
