using Vigil.Detection.Detectors;

namespace Vigil.Detection;

/// <summary>The nine detectors in the contract's fixed order, which is also the order of <c>absent</c> entries.</summary>
public static class DetectorRegistry
{
    public static IReadOnlyList<IDetector> All { get; } =
    [
        new PointModzDetector(),
        new StructSchemaDetector(),
        new KsDriftDetector(),
        new PsiDriftDetector(),
        new Chi2DriftDetector(),
        new MahalanobisDetector(),
        new SeasonalDetector(),
        new CusumDetector(),
        new CadenceDetector(),
    ];

    /// <summary>The detector ids in registry order (the <c>describe</c> list).</summary>
    public static IReadOnlyList<string> Ids { get; } = All.Select(d => d.Id).ToArray();
}
