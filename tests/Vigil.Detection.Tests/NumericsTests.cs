using CsCheck;
using Vigil.Core.Columns;
using Vigil.Core.Numerics;
using Vigil.Detection.Numerics;

namespace Vigil.Detection.Tests;

public sealed class NumericsTests
{
    private static readonly Gen<double[]> Samples = Gen.OneOf(
        Gen.Double[-1e6, 1e6].Array[0, 2000],
        Gen.Int[-5, 5].Select(i => (double)i).Array[0, 3000],
        Gen.Double.Array[0, 700].Select(a => a.Where(double.IsFinite).ToArray()));

    private static Column FloatColumn(IEnumerable<double> xs)
    {
        var b = new ColumnBuilder("x");
        foreach (double x in xs)
        {
            b.AppendFloat(x);
        }

        return b.Build();
    }

    [Fact]
    public void Profile_StatisticsEqualDet_BitForBit()
    {
        Samples.Sample(xs =>
        {
            ColumnProfile s = ColumnProfile.Of(FloatColumn(xs));
            Assert.True(s.RowsAreIdentity);
            Assert.Equal(Det.Sum(xs), s.Sum);
            Assert.Equal(Det.Mean(xs), s.Mean);
            Assert.Equal(Det.Median(xs), s.Median);
            Assert.Equal(Det.Mad(xs), s.Mad);
            Assert.Equal(Det.Variance(xs), s.Variance);
            Assert.Equal(Det.StdDev(xs), s.StdDev);
        }, iter: 200);
    }

    [Fact]
    public void Profile_DropsNullsAndNonFinite_KeepingRows()
    {
        var b = new ColumnBuilder("x");
        b.AppendFloat(1.5);
        b.AppendNull();
        b.AppendFloat(double.NaN);
        b.AppendFloat(-2.0);
        b.AppendFloat(double.PositiveInfinity);
        b.AppendFloat(4.0);
        ColumnProfile p = ColumnProfile.Of(b.Build());
        Assert.Equal([1.5, -2.0, 4.0], p.Values.ToArray());
        Assert.False(p.RowsAreIdentity);
        Assert.Equal([0, 3, 5], Enumerable.Range(0, p.Count).Select(p.RowOf));
        Assert.Equal(1.5, p.Median);
    }

    [Fact]
    public void Profile_OfAnIntColumn_ProjectsToDoubles()
    {
        var b = new ColumnBuilder("n");
        foreach (long v in new long[] { 3, -7, 1L << 60, 0 })
        {
            b.AppendInt(v);
        }

        ColumnProfile p = ColumnProfile.Of(b.Build());
        Assert.True(p.RowsAreIdentity);
        Assert.Equal([3.0, -7.0, 1152921504606846976.0, 0.0], p.Values.ToArray());
        Assert.Equal(Det.Sum([3.0, -7.0, 1152921504606846976.0, 0.0]), p.Sum);
    }

    [Fact]
    public void FloatProfile_IsAViewOverColumnStorage()
    {
        Column c = FloatColumn([1, 2, 3]);
        Assert.True(c.TryGetFloat64Span(out ReadOnlySpan<double> storage));
        ColumnProfile p = ColumnProfile.Of(c);
        Assert.True(System.Runtime.CompilerServices.Unsafe.AreSame(
            ref System.Runtime.InteropServices.MemoryMarshal.GetReference(storage),
            ref System.Runtime.InteropServices.MemoryMarshal.GetReference(p.Values)));
    }

    [Fact]
    public void DetPins()
    {
        Assert.Equal(1.0, ColumnProfile.Of(FloatColumn([1e16, 1, -1e16])).Sum);
        Assert.Equal(0.6, ColumnProfile.Of(FloatColumn([0.1, 0.2, 0.3])).Sum);
        Assert.Equal(4.0, ColumnProfile.Of(FloatColumn([2, 4, 6])).Variance);
        Assert.Equal(2.0, ColumnProfile.Of(FloatColumn([2, 4, 6])).StdDev);
        Assert.Equal(1.4826, ColumnProfile.Of(FloatColumn([1, 2, 3, 4, 5])).Mad);
        Assert.Equal(0.0, ColumnProfile.Of(FloatColumn([3, 3, 3])).Mad);
        Assert.Null(ColumnProfile.Of(FloatColumn([])).Mean);
        Assert.Null(ColumnProfile.Of(FloatColumn([1])).Variance);
    }
}
