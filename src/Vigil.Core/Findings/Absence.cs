namespace Vigil.Core.Findings;

/// <summary>A detector that declined to run, and why (reference §3.3).</summary>
public readonly record struct Absence(string Detector, string Reason);
