using System.Buffers;
using System.Text;

namespace Vigil.Scanning.Reports;

/// <summary>The findings table for terminals (<see cref="FindingTable"/>); small, so it is rendered then copied.</summary>
public sealed class TableReportWriter : IReportWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static TableReportWriter Instance { get; } = new();

    private TableReportWriter()
    {
    }

    public void Write(ScanReport report, IBufferWriter<byte> output) => Utf8.GetBytes(FindingTable.Render(report), output);
}
