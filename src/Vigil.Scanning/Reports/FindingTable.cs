using System.Globalization;
using System.Text;
using Vigil.Core.Envelope;
using Vigil.Core.Findings;

namespace Vigil.Scanning.Reports;

/// <summary>
/// The human view of a scan for terminals: one line per emitted finding (severity, detector, handle, reason),
/// then the detectors that declined to run and a summary line. The JSON envelope stays the machine contract.
/// </summary>
internal static class FindingTable
{
    private const int MaxHandleWidth = 40;

    public static string Render(ScanReport report)
    {
        ScanEnvelope envelope = report.Envelope;
        string source = report.Source, format = report.Format;
        long rows = report.Rows;
        var sb = new StringBuilder();
        IReadOnlyList<Finding> shown = envelope.Emitted;
        if (shown.Count == 0)
        {
            sb.Append("no findings\n");
        }
        else
        {
            string[][] cells = shown.Select(f => new[] { f.Severity.ToToken(), f.Detector, Clip(f.Handle.ToString()), f.Reason }).ToArray();
            string[] header = ["SEVERITY", "DETECTOR", "HANDLE", "REASON"];
            int[] width = new int[3];
            for (int c = 0; c < 3; c++)
            {
                width[c] = Math.Max(header[c].Length, cells.Max(r => r[c].Length));
            }

            AppendRow(sb, header, width);
            foreach (string[] row in cells)
            {
                AppendRow(sb, row, width);
            }
        }

        if (envelope.Absences.Count > 0)
        {
            sb.Append("\nnot assessed:\n");
            foreach (Absence a in envelope.Absences)
            {
                sb.Append("  ").Append(a.Detector).Append(": ").Append(a.Reason).Append('\n');
            }
        }

        int detected = envelope.Detected.Count;
        sb.Append('\n').Append(string.Create(CultureInfo.InvariantCulture, $"{source} ({format}, {rows} rows): {detected} finding{(detected == 1 ? "" : "s")}"));
        if (envelope.MaxSeverity is Severity max)
        {
            sb.Append(", max ").Append(max.ToToken());
        }

        if (shown.Count < detected)
        {
            sb.Append(string.Create(CultureInfo.InvariantCulture, $", {shown.Count} shown"));
        }

        sb.Append(string.Create(CultureInfo.InvariantCulture, $"; exit {envelope.Exit}\n"));
        return sb.ToString();
    }

    private static void AppendRow(StringBuilder sb, string[] row, int[] width)
    {
        for (int c = 0; c < 3; c++)
        {
            sb.Append(row[c].PadRight(width[c])).Append("  ");
        }

        sb.Append(row[3]).Append('\n');
    }

    private static string Clip(string s) => s.Length <= MaxHandleWidth ? s : s[..(MaxHandleWidth - 1)] + "…";
}
