using Vigil.Core.Numerics;
using Vigil.Detection.Numerics;

namespace Vigil.Detection.Detectors;

/// <summary>
/// The reference's <c>robustz::center_scale</c>: center = median; scale = the 1.4826-scaled MAD with k = 0.6745,
/// else the sample σ with k = 1 (the center stays the median), else none (a constant sample).
/// </summary>
internal readonly record struct RobustCenterScale(double Center, double Scale, double K)
{
    public static RobustCenterScale? Of(ColumnProfile profile)
    {
        if (profile.Median is not double center)
        {
            return null;
        }

        if (profile.Mad is double mad && mad > 0)
        {
            return new RobustCenterScale(center, mad, 0.6745);
        }

        if (profile.StdDev is double sd && sd > 0)
        {
            return new RobustCenterScale(center, sd, 1.0);
        }

        return null;
    }

    /// <summary>The same over a plain sample (a seasonal phase).</summary>
    public static RobustCenterScale? Of(ReadOnlySpan<double> sample)
    {
        if (Det.Median(sample) is not double center)
        {
            return null;
        }

        double mad = Det.MadAbout(sample, center);
        if (mad > 0)
        {
            return new RobustCenterScale(center, mad, 0.6745);
        }

        if (Det.StdDev(sample) is double sd && sd > 0)
        {
            return new RobustCenterScale(center, sd, 1.0);
        }

        return null;
    }

    /// <summary>The (double-scaled, see §4.1) modified z-score |k·(x − center)/scale|.</summary>
    public double Score(double x) => Math.Abs(K * (x - Center) / Scale);
}
