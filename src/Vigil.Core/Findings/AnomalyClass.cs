namespace Vigil.Core.Findings;

/// <summary>Anomaly classes in the contract's fixed <c>ALL</c> order (reference §2.9).</summary>
public enum AnomalyClass
{
    Point,
    Contextual,
    Collective,
    Distributional,
    Structural,
    Multivariate,
    Cadence,
}

/// <summary>Tokens of <see cref="AnomalyClass"/>.</summary>
public static class AnomalyClasses
{
    public static IReadOnlyList<AnomalyClass> All { get; } = Enum.GetValues<AnomalyClass>();

    public static string ToToken(this AnomalyClass c) => c switch
    {
        AnomalyClass.Point => "point",
        AnomalyClass.Contextual => "contextual",
        AnomalyClass.Collective => "collective",
        AnomalyClass.Distributional => "distributional",
        AnomalyClass.Structural => "structural",
        AnomalyClass.Multivariate => "multivariate",
        _ => "cadence",
    };
}
