using System.Buffers;
using Vigil.Core.Envelope;

namespace Vigil.Scanning.Reports;

/// <summary>The <c>anomalyx/tq1</c> envelope, byte-identical to the reference (goldens), streamed as it is written.</summary>
public sealed class Tq1ReportWriter : IReportWriter
{
    public static Tq1ReportWriter Instance { get; } = new();

    private Tq1ReportWriter()
    {
    }

    public void Write(ScanReport report, IBufferWriter<byte> output) => Tq1Writer.Write(report.Envelope, output);
}
