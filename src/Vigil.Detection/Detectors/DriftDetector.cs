namespace Vigil.Detection.Detectors;

/// <summary>A two-sample drift detector over <see cref="DriftPairs"/>: absent without a baseline or without a pair.</summary>
internal abstract class DriftDetector : ColumnDetector
{
    public override void Conclude(ScanContext context, ReadOnlySpan<ColumnVerdict> verdicts, DetectionSink sink)
    {
        if (DriftPairs.Absence(context, verdicts) is string reason)
        {
            sink.Absent(Id, reason);
        }
    }
}
