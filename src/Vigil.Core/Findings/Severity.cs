namespace Vigil.Core.Findings;

/// <summary>Ordered severities, derived from a calibrated confidence (reference §2.9).</summary>
public enum Severity
{
    Info,
    Low,
    Medium,
    High,
    Critical,
}

/// <summary>Tokens and derivation of <see cref="Severity"/>.</summary>
public static class Severities
{
    public static IReadOnlyList<Severity> All { get; } = Enum.GetValues<Severity>();

    /// <summary>Inclusive lower bounds: ≥0.95 critical, ≥0.85 high, ≥0.65 medium, ≥0.40 low, else info.</summary>
    public static Severity FromConfidence(double c) =>
        c >= 0.95 ? Severity.Critical :
        c >= 0.85 ? Severity.High :
        c >= 0.65 ? Severity.Medium :
        c >= 0.40 ? Severity.Low :
        Severity.Info;

    public static string ToToken(this Severity s) => s switch
    {
        Severity.Info => "info",
        Severity.Low => "low",
        Severity.Medium => "medium",
        Severity.High => "high",
        _ => "critical",
    };

    /// <summary>Case-insensitive parse of a token.</summary>
    public static bool TryParse(string text, out Severity severity)
    {
        foreach (Severity s in All)
        {
            if (string.Equals(s.ToToken(), text, StringComparison.OrdinalIgnoreCase))
            {
                severity = s;
                return true;
            }
        }

        severity = default;
        return false;
    }
}
