using CsCheck;
using Vigil.Core.Numerics;
using Vigil.Core.Values;
using Vigil.Detection.Numerics;

namespace Vigil.Detection.Tests;

public sealed class NumericsTests
{
    private static readonly Gen<double[]> Samples = Gen.OneOf(
        Gen.Double[-1e6, 1e6].Array[0, 2000],
        Gen.Int[-5, 5].Select(i => (double)i).Array[0, 3000],
        Gen.Double.Array[0, 700].Select(a => a.Where(double.IsFinite).ToArray()));

    [Fact]
    public void RadixSort_EqualsTotalOrderSort_BitForBit()
    {
        Samples.Sample(xs =>
        {
            double[] expected = (double[])xs.Clone();
            TotalOrder.Sort(expected);
            double[] actual = TotalOrderSort.SortedCopy(xs);
            Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));
        }, iter: 200);
    }

    [Fact]
    public void Sort_OrdersSignedZerosAndNaNs()
    {
        double negativeNaN = BitConverter.Int64BitsToDouble(unchecked((long)0xFFF8_0000_0000_0000UL));
        double positiveNaN = BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_0000L);
        double[] xs = [.. Enumerable.Repeat(0.0, 300), .. Enumerable.Repeat(-0.0, 300), positiveNaN, double.NegativeInfinity, double.PositiveInfinity, negativeNaN];
        TotalOrderSort.Sort(xs);
        Assert.True(double.IsNegative(xs[0]) && double.IsNaN(xs[0]));
        Assert.Equal(double.NegativeInfinity, xs[1]);
        Assert.All(xs[2..302], x => Assert.True(double.IsNegative(x) && x == 0));
        Assert.All(xs[302..602], x => Assert.True(!double.IsNegative(x) && x == 0));
        Assert.Equal(double.PositiveInfinity, xs[602]);
        Assert.True(double.IsNaN(xs[603]) && !double.IsNegative(xs[603]));
    }

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

    [Fact]
    public void InPlaceSum_EqualsDetSum()
    {
        Samples.Sample(xs =>
        {
            double[] copy = (double[])xs.Clone();
            Assert.Equal(Det.Sum(xs), InPlaceSum.Of(copy));
        }, iter: 100);
    }
}
