using Vigil.Core.Findings;

namespace Vigil.Detection;

/// <summary>
/// One detector. It reads the scan context and reports findings and absences to the sink, in its own emission
/// order; it never throws for data it cannot assess (that is an absence, or silence).
/// </summary>
public interface IDetector
{
    /// <summary>Stable id, e.g. <c>point.modz</c>.</summary>
    string Id { get; }

    AnomalyClass Class { get; }

    void Run(ScanContext context, DetectionSink sink);
}
