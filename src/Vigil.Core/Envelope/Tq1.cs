namespace Vigil.Core.Envelope;

/// <summary>Constants of the <c>anomalyx/tq1</c> contract (reference §3).</summary>
public static class Tq1
{
    /// <summary>Protocol id; bumped on any breaking change of the envelope.</summary>
    public const string Protocol = "anomalyx/tq1";

    /// <summary>Names of the dense finding-row columns, in row order.</summary>
    public static IReadOnlyList<string> FindingColumns { get; } = ["detector", "class", "handle", "confidence", "severity", "score", "reason"];

    /// <summary>The determinism promise quoted by <c>describe</c>.</summary>
    public const string Determinism = "Same input + same config_version yields byte-identical output.";

    public const int ExitClean = 0;
    public const int ExitAnomalies = 1;
    public const int ExitError = 2;
}
