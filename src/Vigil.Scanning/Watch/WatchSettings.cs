using Vigil.Detection.Streaming;

namespace Vigil.Scanning.Watch;

/// <summary>What <c>vigil watch</c> watches and prints.</summary>
/// <param name="Metrics">Series columns; empty = every numeric measurement column.</param>
/// <param name="By">Column whose value keys separate series (per host, per agent), or null.</param>
/// <param name="Scores">One record per data row (what a benchmark scores) instead of one per alert.</param>
/// <param name="Detector">The detector parameter set.</param>
internal sealed record WatchSettings(IReadOnlyList<string> Metrics, string? By, bool Scores, CausalDetectorOptions Detector);
