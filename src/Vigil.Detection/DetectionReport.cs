using Vigil.Core.Findings;

namespace Vigil.Detection;

/// <summary>
/// The result of running every detector: findings in detector emission order (registry order, then each
/// detector's own order; the envelope sorts them later) and absences in registry order.
/// </summary>
public sealed record DetectionReport(IReadOnlyList<Finding> Findings, IReadOnlyList<Absence> Absences);
