namespace Vigil.Core.Columns;

/// <summary>
/// A run of consecutive records from one input, in column-major typed storage: where it starts (row, 1-based line,
/// byte offset), how much input it covers, and its columns (all <see cref="RowCount"/> long, each with its own
/// string dictionary). A later batch may add columns an earlier one lacked; <see cref="RecordBatchAssembler"/>
/// merges batches into one <see cref="RecordSet"/>.
/// </summary>
public sealed class RecordBatch
{
    public RecordBatch(long firstRow, long firstLine, long byteOffset, long byteLength, long lineCount, int rowCount, IReadOnlyList<Column> columns)
    {
        foreach (Column c in columns)
        {
            if (c.Length != rowCount)
            {
                throw new ArgumentException($"column '{c.Name}' has {c.Length} rows, expected {rowCount}", nameof(columns));
            }
        }

        FirstRow = firstRow;
        FirstLine = firstLine;
        ByteOffset = byteOffset;
        ByteLength = byteLength;
        LineCount = lineCount;
        RowCount = rowCount;
        Columns = columns;
    }

    /// <summary>0-based index of the batch's first record in the whole input.</summary>
    public long FirstRow { get; }

    /// <summary>1-based line of the input where the batch starts.</summary>
    public long FirstLine { get; }

    /// <summary>Byte offset in the input (BOM included) where the batch starts.</summary>
    public long ByteOffset { get; }

    /// <summary>Input bytes the batch covers.</summary>
    public long ByteLength { get; }

    /// <summary>Lines the batch covers (line terminators consumed).</summary>
    public long LineCount { get; }

    public int RowCount { get; }

    /// <summary>The batch's columns, in the order they first appear within the batch.</summary>
    public IReadOnlyList<Column> Columns { get; }
}
