using Vigil.Core.Findings;

namespace Vigil.Core.Envelope;

/// <summary>A built <c>tq1</c> envelope: its exact text and the facts a renderer or exit code needs.</summary>
/// <param name="Json">Compact JSON followed by one <c>\n</c>.</param>
/// <param name="Exit">1 when anything was detected (scoping never changes it), else 0.</param>
/// <param name="Emitted">The findings in <c>rows</c>, in envelope order.</param>
/// <param name="Detected">Every finding, in envelope order.</param>
/// <param name="MaxSeverity">Highest severity detected, or null.</param>
/// <param name="Absences">Detectors that declined to run, in report order.</param>
public sealed record ScanEnvelope(string Json, int Exit, IReadOnlyList<Finding> Emitted, IReadOnlyList<Finding> Detected, Severity? MaxSeverity, IReadOnlyList<Absence> Absences);
