using Vigil.Core.Columns;
using Vigil.Core.Findings;
using Vigil.Detection.Configuration;

namespace Vigil.Detection;

/// <summary>Runs every registered detector over a (scoped) corpus and an optional baseline.</summary>
public static class DetectionEngine
{
    /// <summary>
    /// Runs the detectors: per-column detectors one column at a time (all of them on a column, then its profile is
    /// dropped), whole-table detectors as units of their own, all units concurrently. Findings are assembled in
    /// registry order and, within a detector, column order, so the output does not depend on scheduling.
    /// </summary>
    public static DetectionReport Run(RecordSet current, RecordSet? baseline, DetectConfig config) =>
        Run(new ScanContext(current, baseline, config));

    /// <summary>Runs the detectors over a prepared context (whose <see cref="ScanContext.Roles"/> the caller may also reuse).</summary>
    public static DetectionReport Run(ScanContext context)
    {
        IReadOnlyList<IDetector> detectors = DetectorRegistry.All;
        int columns = context.Current.Columns.Count;
        var tableDetectors = new List<int>();
        var columnDetectors = new List<int>();
        for (int i = 0; i < detectors.Count; i++)
        {
            (detectors[i] is ColumnDetector ? columnDetectors : tableDetectors).Add(i);
        }

        // One sink per (detector, column) for column detectors, one per table detector; units never share a sink.
        var sinks = new DetectionSink[detectors.Count, Math.Max(columns, 1)];
        var verdicts = new ColumnVerdict[detectors.Count][];
        for (int i = 0; i < detectors.Count; i++)
        {
            verdicts[i] = new ColumnVerdict[columns];
            for (int c = 0; c < sinks.GetLength(1); c++)
            {
                sinks[i, c] = new DetectionSink();
            }
        }

        // Table detectors first: the multivariate one is the longest single unit.
        int units = tableDetectors.Count + columns;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.For(0, units, options, unit =>
        {
            if (unit < tableDetectors.Count)
            {
                int d = tableDetectors[unit];
                detectors[d].Run(context, sinks[d, 0]);
                return;
            }

            int c = unit - tableDetectors.Count;
            foreach (int d in columnDetectors)
            {
                verdicts[d][c] = ((ColumnDetector)detectors[d]).RunColumn(context, c, sinks[d, c]);
            }

            Column column = context.Current.Columns[c];
            context.Release(column);
            if (context.Baseline?.Find(column.Name) is Column before)
            {
                context.Release(before);
            }
        });

        var findings = new List<Finding>();
        var absences = new List<Absence>();
        for (int d = 0; d < detectors.Count; d++)
        {
            if (detectors[d] is ColumnDetector columnDetector)
            {
                for (int c = 0; c < columns; c++)
                {
                    findings.AddRange(sinks[d, c].Findings);
                }

                var conclusion = new DetectionSink();
                columnDetector.Conclude(context, verdicts[d], conclusion);
                absences.AddRange(conclusion.Absences);
            }
            else
            {
                findings.AddRange(sinks[d, 0].Findings);
                absences.AddRange(sinks[d, 0].Absences);
            }
        }

        return new DetectionReport(findings, absences);
    }
}
