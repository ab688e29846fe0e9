using Vigil.Core.Columns;

namespace Vigil.Scanning.Watch;

/// <summary>
/// Turns appended complete lines into parsed batches. Today backed by the scan parsers over whole lines
/// (<see cref="LineBatchReader"/>); the seam where the streaming record-batch engine plugs in.
/// </summary>
internal interface IRecordBatchReader
{
    /// <summary>
    /// Parses <paramref name="lines"/> (complete lines starting at byte <paramref name="offset"/> of the file;
    /// <paramref name="fromFileStart"/> when they open the file, header included). Unreadable records are skipped
    /// and tallied in <paramref name="bad"/>; the rest come back in input order.
    /// </summary>
    IEnumerable<RecordSet> Read(byte[] lines, long offset, bool fromFileStart, BadRecordTally bad);
}
