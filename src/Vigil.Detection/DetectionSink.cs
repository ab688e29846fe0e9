using Vigil.Core.Findings;

namespace Vigil.Detection;

/// <summary>Collects one detector's findings and absences, in emission order.</summary>
public sealed class DetectionSink
{
    private readonly List<Finding> _findings = [];
    private readonly List<Absence> _absences = [];

    public IReadOnlyList<Finding> Findings => _findings;

    public IReadOnlyList<Absence> Absences => _absences;

    public void Add(Finding finding) => _findings.Add(finding);

    public void Absent(string detector, string reason) => _absences.Add(new Absence(detector, reason));
}
