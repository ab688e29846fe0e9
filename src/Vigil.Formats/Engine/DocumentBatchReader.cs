using Vigil.Core.Columns;
using Vigil.Formats.Input;

namespace Vigil.Formats.Engine;

/// <summary>Adapter for <see cref="IDocumentFormatParser"/>: reads the whole input and yields it as one batch.</summary>
internal sealed class DocumentBatchReader(IDocumentFormatParser parser, InputSource input) : IRecordBatchReader
{
    private bool _done;

    public RecordBatch? Read()
    {
        if (_done)
        {
            return null;
        }

        _done = true;
        long offset = input.Position;
        byte[] data = input.ReadToEnd();
        IReadOnlyList<Column> columns = parser.Parse(data);
        int rows = columns.Count == 0 ? 0 : columns[0].Length;
        return new RecordBatch(0, 1, offset, data.Length, data.AsSpan().Count((byte)'\n'), rows, columns);
    }

    public void Dispose()
    {
    }
}
