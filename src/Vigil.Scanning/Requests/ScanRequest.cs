using Vigil.Core.Envelope;

namespace Vigil.Scanning.Requests;

/// <summary>One scan, as any front end (CLI, daemon, watch, fleet) asks for it: already validated, no flag syntax.</summary>
public sealed record ScanRequest
{
    public required ScanInput Input { get; init; }

    /// <summary>A baseline file for compare mode (drift and schema diff), or null.</summary>
    public string? Baseline { get; init; }

    /// <summary>A format id that replaces detection for the main input (never the baseline), or null.</summary>
    public string? InputFormat { get; init; }

    public ColumnScope Columns { get; init; }

    public DetectOptions Detect { get; init; } = new();

    /// <summary>What is emitted (<c>--top</c>, <c>--min-severity</c>); never what is detected.</summary>
    public OutputScope Scope { get; init; }
}
