using Vigil.Core.Columns;
using Vigil.Core.Findings;
using Vigil.Detection.Configuration;

namespace Vigil.Detection;

/// <summary>Runs every registered detector over a (scoped) corpus and an optional baseline.</summary>
public static class DetectionEngine
{
    /// <summary>
    /// Runs the detectors in registry order. Detectors are independent and run concurrently; the report is assembled
    /// in registry order, so the output does not depend on scheduling.
    /// </summary>
    public static DetectionReport Run(RecordSet current, RecordSet? baseline, DetectConfig config) =>
        Run(new ScanContext(current, baseline, config));

    /// <summary>Runs the detectors over a prepared context (whose <see cref="ScanContext.Roles"/> the caller may also reuse).</summary>
    public static DetectionReport Run(ScanContext context)
    {
        IReadOnlyList<IDetector> detectors = DetectorRegistry.All;
        var sinks = new DetectionSink[detectors.Count];
        for (int i = 0; i < sinks.Length; i++)
        {
            sinks[i] = new DetectionSink();
        }

        Parallel.For(0, detectors.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => detectors[i].Run(context, sinks[i]));

        var findings = new List<Finding>();
        var absences = new List<Absence>();
        foreach (DetectionSink sink in sinks)
        {
            findings.AddRange(sink.Findings);
            absences.AddRange(sink.Absences);
        }

        return new DetectionReport(findings, absences);
    }
}
