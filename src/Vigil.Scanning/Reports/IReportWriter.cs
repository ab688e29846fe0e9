using System.Buffers;

namespace Vigil.Scanning.Reports;

/// <summary>
/// Renders a <see cref="ScanReport"/> as one output format, as UTF-8 into a buffer writer (a stream-backed one sends
/// it out as it is written). New formats (ndjson, sarif, html) are new implementations picked in
/// <see cref="ReportWriters"/>.
/// </summary>
public interface IReportWriter
{
    /// <summary>Writes the whole report.</summary>
    void Write(ScanReport report, IBufferWriter<byte> output);
}
