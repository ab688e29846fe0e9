using Vigil.Core.Findings;

namespace Vigil.Core.Envelope;

/// <summary>Output scoping (<c>--min-severity</c>, <c>--top</c>): what is emitted, never what is detected.</summary>
public readonly record struct OutputScope(Severity? MinSeverity, ulong? Top)
{
    public static OutputScope None => default;

    /// <summary>The envelope carries a <c>scope</c> block whenever either option was given, even if nothing was dropped.</summary>
    public bool IsActive => MinSeverity is not null || Top is not null;
}
