using Vigil.Core.Columns;

namespace Vigil.Formats.Engine;

/// <summary>Record batches of one input, in input order.</summary>
public interface IRecordBatchReader : IDisposable
{
    /// <summary>
    /// The next batch, or null at the end. Throws <see cref="FormatParseException"/> with the input's absolute line
    /// number; after a throw the reader is finished.
    /// </summary>
    RecordBatch? Read();
}
