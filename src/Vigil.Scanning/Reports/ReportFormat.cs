namespace Vigil.Scanning.Reports;

/// <summary>The report formats a scan can be written as.</summary>
public enum ReportFormat
{
    /// <summary>The <c>anomalyx/tq1</c> JSON envelope: the machine contract.</summary>
    Tq1,

    /// <summary>The findings table for terminals.</summary>
    Table,
}
