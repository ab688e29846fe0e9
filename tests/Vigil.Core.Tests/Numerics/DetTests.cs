using CsCheck;
using Vigil.Core.Numerics;

namespace Vigil.Core.Tests.Numerics;

public sealed class DetTests
{
    [Fact]
    public void Sum_cancels_exactly() => Assert.Equal(1.0, Det.Sum([1e16, 1, -1e16]));

    [Fact]
    public void Sum_of_tenths_is_exactly_point_six()
    {
        Assert.Equal(0.6, Det.Sum([0.1, 0.2, 0.3]));
        // The naive left-to-right sum is not (0.6000000000000001).
        Assert.NotEqual(0.6, 0.1 + 0.2 + 0.3);
    }

    [Fact]
    public void Sum_basics()
    {
        Assert.Equal(10.0, Det.Sum([1, 2, 3, 4]));
        Assert.Equal(0.0, Det.Sum([]));
    }

    [Fact]
    public void Sum_is_permutation_invariant_to_the_bit()
    {
        Gen.Double[-1e6, 1e6].Array[1, 60].SelectMany(xs => Gen.Shuffle(xs.ToArray()).Select(p => (xs, p)))
            .Sample(t => BitConverter.DoubleToInt64Bits(Det.Sum(t.xs)) == BitConverter.DoubleToInt64Bits(Det.Sum(t.p)));
    }

    [Fact]
    public void Sum_leaves_the_input_untouched()
    {
        double[] xs = [3, 1, 2];
        Det.Sum(xs);
        Assert.Equal([3.0, 1.0, 2.0], xs);
    }

    [Fact]
    public void Mean_variance_stddev()
    {
        Assert.Null(Det.Mean([]));
        Assert.Equal(4.0, Det.Mean([2, 4, 6]));
        Assert.Equal(4.0, Det.Variance([2, 4, 6]));
        Assert.Equal(2.0, Det.StdDev([2, 4, 6]));
        Assert.Equal(2.0, Det.Variance([2, 4]));
        Assert.Null(Det.Variance([1]));
        Assert.Null(Det.StdDev([]));
    }

    [Fact]
    public void Quantile_type_7()
    {
        double[] xs = [4, 1, 3, 2];
        Assert.Equal(1.0, Det.Quantile(xs, 0));
        Assert.Equal(4.0, Det.Quantile(xs, 1));
        Assert.Equal(2.5, Det.Median(xs));
        Assert.Equal(1.75, Det.Quantile(xs, 0.25));
        Assert.Equal(4.0, Det.Quantile(xs, 7));
        Assert.Equal(1.0, Det.Quantile(xs, -1));
        Assert.Equal(9.0, Det.Quantile([9], 0.3));
        Assert.Null(Det.Quantile([], 0.5));
    }

    [Fact]
    public void Mad_is_scaled()
    {
        Assert.Equal(1.4826, Det.Mad([1, 2, 3, 4, 5]));
        Assert.Equal(0.0, Det.Mad([7, 7, 7]));
        Assert.Null(Det.Mad([]));
        // The golden's column: median 10, |dev| median 1.
        Assert.Equal(1.4826, Det.Mad([10, 11, 9, 10, 12, 8, 11, 10, 9, 1000]));
    }

    private static readonly Gen<double[]> Samples = Gen.OneOf(
        Gen.Double[-1e6, 1e6].Array[0, 2000],
        Gen.Int[-5, 5].Select(i => (double)i).Array[0, 3000],
        Gen.OneOf(Gen.Double, Gen.Const(0.0), Gen.Const(-0.0), Gen.Const(double.PositiveInfinity), Gen.Const(double.NaN), Gen.Const(-double.NaN)).Array[0, 700]);

    [Fact]
    public void Quantiles_equal_indexing_the_total_order_sort_to_the_bit()
    {
        Samples.SelectMany(xs => Gen.Double[0, 1].Select(q => (xs, q))).Sample(t =>
        {
            double? expected = t.xs.Length == 0 ? null : Det.QuantileSorted(ReferenceSort(t.xs), t.q);
            Assert.Equal(Bits(expected), Bits(Det.Quantile(t.xs, t.q)));
        }, iter: 300);
    }

    [Fact]
    public void Mad_and_variance_equal_the_sort_everything_definition_to_the_bit()
    {
        Samples.Sample(xs =>
        {
            Assert.Equal(Bits(ReferenceMad(xs)), Bits(Det.Mad(xs)));
            Assert.Equal(Bits(ReferenceVariance(xs)), Bits(Det.Variance(xs)));
        }, iter: 200);
    }

    private static long? Bits(double? x) => x is double v ? BitConverter.DoubleToInt64Bits(v) : null;

    // §2.10 taken literally: deviations computed per value, then sorted by total order (comparison sort on the
    // Rust total_cmp definition), then reduced.
    private static double? ReferenceMad(double[] xs)
    {
        if (xs.Length == 0)
        {
            return null;
        }

        double med = Det.QuantileSorted(ReferenceSort(xs), 0.5);
        return 1.4826 * Det.QuantileSorted(ReferenceSort(xs.Select(x => Math.Abs(x - med)).ToArray()), 0.5);
    }

    private static double? ReferenceVariance(double[] xs)
    {
        if (xs.Length < 2)
        {
            return null;
        }

        double m = ExactReference.Sum(xs) / xs.Length;
        return ExactReference.Sum(xs.Select(x => (x - m) * (x - m)).ToArray()) / (xs.Length - 1);
    }

    internal static double[] ReferenceSort(double[] xs)
    {
        double[] copy = xs.ToArray();
        Array.Sort(copy, (a, b) =>
        {
            long x = BitConverter.DoubleToInt64Bits(a), y = BitConverter.DoubleToInt64Bits(b);
            x ^= (long)((ulong)(x >> 63) >> 1);
            y ^= (long)((ulong)(y >> 63) >> 1);
            return x.CompareTo(y);
        });
        return copy;
    }
}
