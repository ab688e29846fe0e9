using Vigil.Detection.Numerics;

namespace Vigil.Detection.Detectors;

/// <summary>
/// The reference's <c>robustz::center_scale</c>: center = median; scale = the 1.4826-scaled MAD with k = 0.6745,
/// else the sample σ with k = 1 (the center stays the median), else none (a constant sample).
/// </summary>
internal readonly record struct RobustCenterScale(double Center, double Scale, double K)
{
    public static RobustCenterScale? Of(SortedSample sample)
    {
        if (sample.Median() is not double center)
        {
            return null;
        }

        if (sample.Mad() is double mad && mad > 0)
        {
            return new RobustCenterScale(center, mad, 0.6745);
        }

        if (sample.StdDev() is double sd && sd > 0)
        {
            return new RobustCenterScale(center, sd, 1.0);
        }

        return null;
    }

    /// <summary>The (double-scaled, see §4.1) modified z-score |k·(x − center)/scale|.</summary>
    public double Score(double x) => Math.Abs(K * (x - Center) / Scale);
}
