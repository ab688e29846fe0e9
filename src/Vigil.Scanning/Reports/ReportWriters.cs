namespace Vigil.Scanning.Reports;

/// <summary>The writer for each <see cref="ReportFormat"/>.</summary>
public static class ReportWriters
{
    public static IReportWriter For(ReportFormat format) => format switch
    {
        ReportFormat.Tq1 => Tq1ReportWriter.Instance,
        ReportFormat.Table => TableReportWriter.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "no writer for this report format"),
    };
}
