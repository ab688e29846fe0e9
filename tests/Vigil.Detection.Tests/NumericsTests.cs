using CsCheck;
using Vigil.Core.Numerics;
using Vigil.Detection.Numerics;

namespace Vigil.Detection.Tests;

public sealed class NumericsTests
{
    private static readonly Gen<double[]> Samples = Gen.OneOf(
        Gen.Double[-1e6, 1e6].Array[0, 2000],
        Gen.Int[-5, 5].Select(i => (double)i).Array[0, 3000],
        Gen.Double.Array[0, 700].Select(a => a.Where(double.IsFinite).ToArray()));

    [Fact]
    public void SortedSample_ReductionsEqualDet_BitForBit()
    {
        Samples.Sample(xs =>
        {
            SortedSample s = SortedSample.Of(xs);
            Assert.Equal(Det.Sum(xs), s.Sum());
            Assert.Equal(Det.Mean(xs), s.Mean());
            Assert.Equal(Det.Median(xs), s.Median());
            Assert.Equal(Det.Mad(xs), s.Mad());
            Assert.Equal(Det.Variance(xs), s.Variance());
            Assert.Equal(Det.StdDev(xs), s.StdDev());
        }, iter: 200);
    }

    [Fact]
    public void DetPins()
    {
        Assert.Equal(1.0, SortedSample.Of([1e16, 1, -1e16]).Sum());
        Assert.Equal(0.6, SortedSample.Of([0.1, 0.2, 0.3]).Sum());
        Assert.Equal(4.0, SortedSample.Of([2, 4, 6]).Variance());
        Assert.Equal(2.0, SortedSample.Of([2, 4, 6]).StdDev());
        Assert.Equal(1.4826, SortedSample.Of([1, 2, 3, 4, 5]).Mad());
        Assert.Equal(0.0, SortedSample.Of([3, 3, 3]).Mad());
        Assert.Null(SortedSample.Of([]).Mean());
        Assert.Null(SortedSample.Of([1]).Variance());
    }
}
