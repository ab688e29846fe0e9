namespace Vigil.Detection.Statistics;

/// <summary>
/// Unified confidence calibration (reference §4.0): a statistic exactly at its threshold maps to 0.5 and twice
/// past it (in either direction) to logistic(2) ≈ 0.881, so confidences are comparable across detectors.
/// </summary>
internal static class Calibration
{
    private const double Steepness = 2.0;

    /// <summary>For statistics that fire when above the threshold.</summary>
    public static double FromExceedance(double stat, double threshold)
    {
        if (threshold <= 0.0)
        {
            return stat > 0.0 ? 1.0 : 0.5;
        }

        return Logistic(Steepness * ((stat / threshold) - 1.0));
    }

    /// <summary>For statistics that fire when below the threshold (p-values, CV).</summary>
    public static double FromUndercut(double stat, double threshold)
    {
        if (stat <= 0.0)
        {
            return 1.0;
        }

        if (threshold <= 0.0)
        {
            return 0.0;
        }

        return Logistic(Steepness * ((threshold / stat) - 1.0));
    }

    private static double Logistic(double x) => 1.0 / (1.0 + Math.Exp(-x));
}
