using System.Collections.Concurrent;
using Vigil.Core.Columns;
using Vigil.Core.Roles;
using Vigil.Formats.Engine;
using Vigil.Formats.Input;

namespace Vigil.Formats.Parsers;

/// <summary>
/// Reads a Zeek log in chunks parsed in parallel. Directive lines are rare and the only state, so the reading thread
/// skims each chunk for lines starting with <c>#</c> and hands the chunk the header in force at its first line; the
/// chunk's parse then applies its own directives exactly as a one-pass read would, errors included.
/// </summary>
internal sealed class ZeekBatchReader(string format, InputSource input, BatchOptions options) : ChunkedBatchReader(options)
{
    private readonly RecordChunker _chunker = new(input, LineBoundary.Instance, options.EffectiveBytes, options.MaxRows);
    private readonly ConcurrentDictionary<InputChunk, ZeekHeader> _startHeaders = new();
    private ZeekHeader _header = ZeekHeader.Initial;

    protected override InputChunk? NextChunk()
    {
        InputChunk? chunk = _chunker.Next();
        if (chunk is not null)
        {
            _startHeaders[chunk] = _header;
            _header = SkimDirectives(chunk.Data, _header);
        }

        return chunk;
    }

    protected override ParsedChunk Parse(InputChunk chunk)
    {
        _startHeaders.TryRemove(chunk, out ZeekHeader? header);
        header ??= ZeekHeader.Initial;
        ReadOnlySpan<byte> data = chunk.Data;
        data = data[..Utf8Validation.ParsablePrefix(format, data, chunk.ByteOffset, out FormatParseException? invalid)];
        long lineCount = data.Count((byte)'\n');
        int capacity = (int)Math.Min(lineCount + 1, 1 << 20);
        ColumnBuilder[]? columns = header.Names is null ? null : NewColumns(header.Names, capacity, out _);
        bool[]? categorical = header.Names is null ? null : Categorical(header.Names);
        int rows = 0;
        var lines = new Utf8LineSplitter(data);
        while (lines.MoveNext(out ReadOnlySpan<byte> line))
        {
            if (line.IsEmpty)
            {
                continue;
            }

            if (line[0] == (byte)'#')
            {
                bool hadFields = header.Names is not null;
                header = header.Apply(line, out bool conflict);
                if (conflict)
                {
                    throw new FormatParseException(format, "a second #fields header with different fields", lines.LineNumber);
                }

                if (!hadFields && header.Names is not null)
                {
                    columns = NewColumns(header.Names, capacity, out categorical);
                }

                continue;
            }

            if (columns is null)
            {
                throw new FormatParseException(format, "data row before #fields header", lines.LineNumber);
            }

            AppendRow(line, header, columns, categorical!);
            rows++;
        }

        if (invalid is not null)
        {
            throw invalid;
        }

        if (chunk.IsLast && columns is null)
        {
            throw new FormatParseException(format, "missing #fields header");
        }

        var result = new Column[columns?.Length ?? 0];
        for (int i = 0; i < result.Length; i++)
        {
            Column c = columns![i].Build();
            result[i] = categorical![i] ? c.WithRoleHint(ColumnRole.Categorical) : c;
        }

        return new ParsedChunk(result, rows, chunk.ByteOffset, data.Length, lineCount);
    }

    private static void AppendRow(ReadOnlySpan<byte> line, ZeekHeader header, ColumnBuilder[] columns, bool[] categorical)
    {
        ReadOnlySpan<byte> separator = header.Separator;
        ReadOnlySpan<byte> unset = header.Unset;
        ReadOnlySpan<byte> empty = header.Empty;
        int col = 0;
        ReadOnlySpan<byte> remaining = line;
        while (col < columns.Length)
        {
            int next = separator.Length == 1 ? remaining.IndexOf(separator[0]) : remaining.IndexOf(separator);
            ReadOnlySpan<byte> value = next < 0 ? remaining : remaining[..next];
            if (value.SequenceEqual(unset))
            {
                columns[col].AppendNull();
            }
            else if (value.SequenceEqual(empty))
            {
                columns[col].AppendString(string.Empty);
            }
            else if (categorical[col] && !value.IsEmpty)
            {
                columns[col].AppendString(value);
            }
            else
            {
                TypeInference.AppendInferred(columns[col], value);
            }

            col++;
            if (next < 0)
            {
                break;
            }

            remaining = remaining[(next + separator.Length)..];
        }

        for (; col < columns.Length; col++)
        {
            columns[col].AppendNull();
        }
    }

    /// <summary>The header after the chunk's directive lines (never throws: the chunk's parse reports any conflict).</summary>
    private static ZeekHeader SkimDirectives(ReadOnlySpan<byte> data, ZeekHeader header)
    {
        int at = 0;
        while (true)
        {
            if (at < data.Length && data[at] == (byte)'#')
            {
                ReadOnlySpan<byte> rest = data[at..];
                int nl = rest.IndexOf((byte)'\n');
                ReadOnlySpan<byte> line = nl < 0 ? rest : rest[..nl];
                if (!line.IsEmpty && line[^1] == (byte)'\r')
                {
                    line = line[..^1];
                }

                header = header.Apply(line, out _);
            }

            int next = data[at..].IndexOf("\n#"u8);
            if (next < 0)
            {
                break;
            }

            at += next + 1;
        }

        return header;
    }

    private static ColumnBuilder[] NewColumns(string[] names, int capacity, out bool[] categorical)
    {
        var columns = new ColumnBuilder[names.Length];
        categorical = Categorical(names);
        for (int i = 0; i < names.Length; i++)
        {
            columns[i] = new ColumnBuilder(names[i], capacity);
        }

        return columns;
    }

    private static bool[] Categorical(string[] names)
    {
        var categorical = new bool[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            categorical[i] = ZeekParser.CategoricalFields.Contains(names[i]);
        }

        return categorical;
    }
}
