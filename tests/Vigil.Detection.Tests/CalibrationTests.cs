using Vigil.Detection.Statistics;

namespace Vigil.Detection.Tests;

public sealed class CalibrationTests
{
    [Theory]
    [InlineData(3.5)]
    [InlineData(0.2)]
    [InlineData(0.05)]
    [InlineData(0.001)]
    public void AtThreshold_IsOneHalf(double threshold)
    {
        Assert.Equal(0.5, Calibration.FromExceedance(threshold, threshold));
        Assert.Equal(0.5, Calibration.FromUndercut(threshold, threshold));
    }

    [Fact]
    public void TwicePastThreshold_IsLogisticOfTwo_OnEitherSide()
    {
        Assert.Equal(0.8807970779778823, Calibration.FromExceedance(7.0, 3.5));
        Assert.Equal(0.8807970779778823, Calibration.FromUndercut(0.025, 0.05));
    }

    [Fact]
    public void Saturation()
    {
        Assert.Equal(1.0, Calibration.FromUndercut(0.0, 0.05));
        Assert.Equal(1.0, Calibration.FromExceedance(1.0, 0.0));
        Assert.Equal(0.5, Calibration.FromExceedance(0.0, 0.0));
        Assert.Equal(0.0, Calibration.FromUndercut(0.5, 0.0));
        // §4.0 from_undercut checks stat ≤ 0 before thr ≤ 0: a zero statistic is 1.0 even against a zero threshold.
        Assert.Equal(1.0, Calibration.FromUndercut(0.0, 0.0));
        Assert.Equal(1.0, Calibration.FromUndercut(-1.0, -1.0));
        Assert.Equal(0.5, Calibration.FromExceedance(-2.0, 0.0));
        Assert.Equal(1.0, Calibration.FromExceedance(450.3945770942938, 3.5));
    }

    [Fact]
    public void Monotone_AndInUnitInterval()
    {
        double previous = 0;
        for (double s = 0; s < 20; s += 0.25)
        {
            double c = Calibration.FromExceedance(s, 3.5);
            Assert.InRange(c, 0.0, 1.0);
            Assert.True(c >= previous);
            previous = c;
        }

        previous = 1;
        for (double p = 1e-6; p < 1; p *= 1.5)
        {
            double c = Calibration.FromUndercut(p, 0.05);
            Assert.InRange(c, 0.0, 1.0);
            Assert.True(c <= previous);
            previous = c;
        }
    }
}
