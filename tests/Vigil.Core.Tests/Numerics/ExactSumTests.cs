using System.Numerics;
using CsCheck;
using Vigil.Core.Numerics;

namespace Vigil.Core.Tests.Numerics;

public sealed class ExactSumTests
{
    // Wide exponent ranges, exact cancellation, subnormals and long arrays (past the carry interval of 1023).
    private static readonly Gen<double[]> Finite = Gen.OneOf(
        Gen.Double[-1e6, 1e6].Array[0, 40],
        Gen.Double.Where(double.IsFinite).Array[0, 40],
        Gen.Double.Where(double.IsFinite).Array[1, 30].Select(xs => xs.Concat(xs.Select(x => -x)).Append(1e-300).ToArray()),
        Gen.Long[-4_503_599_627_370_496, 4_503_599_627_370_496].Select(b => BitConverter.Int64BitsToDouble(b & unchecked((long)0x800F_FFFF_FFFF_FFFF))).Array[0, 30],
        Gen.Double[-1e300, 1e300].Array[1000, 3000],
        Gen.Int[-3, 3].Select(i => Math.ScaleB(1.0 + (i / 8.0), 60 * i)).Array[0, 2500]);

    private static long Bits(double x) => BitConverter.DoubleToInt64Bits(x);

    [Fact]
    public void Equals_the_BigInteger_sum_rounded_half_to_even()
    {
        Finite.Sample(xs => Bits(ExactReference.Sum(xs)) == Bits(Det.Sum(xs)), iter: 500);
    }

    [Fact]
    public void Is_permutation_invariant_to_the_bit()
    {
        Finite.SelectMany(xs => Gen.Shuffle(xs.ToArray()).Select(p => (xs, p)))
            .Sample(t => Bits(Det.Sum(t.xs)) == Bits(Det.Sum(t.p)), iter: 300);
    }

    [Fact]
    public void Merging_and_subtracting_split_accumulators_changes_nothing()
    {
        Finite.SelectMany(xs => Gen.Int[0, xs.Length].Select(cut => (xs, cut))).Sample(t =>
        {
            var whole = new ExactSum();
            whole.Add(t.xs);
            var left = new ExactSum();
            left.Add(t.xs.AsSpan(0, t.cut));
            var right = new ExactSum();
            foreach (double x in t.xs[t.cut..])
            {
                right.Add(x);
            }

            ExactSum merged = left.Clone();
            merged.Merge(right);
            ExactSum suffix = whole.Clone();
            suffix.Subtract(left);
            return Bits(merged.Result()) == Bits(whole.Result())
                && Bits(suffix.Result()) == Bits(ExactReference.Sum(t.xs[t.cut..]));
        }, iter: 300);
    }

    [Fact]
    public void Is_at_least_as_accurate_as_the_sorted_Neumaier_sum()
    {
        Finite.Sample(xs =>
        {
            BigInteger exact = ExactReference.ExactUnits(xs);
            double ours = Det.Sum(xs), neumaier = ExactReference.SortedNeumaier(xs);
            if (!double.IsFinite(neumaier))
            {
                return true;
            }

            return !double.IsNaN(ours) && BigInteger.Abs(ExactReference.Units(ours) - exact) <= BigInteger.Abs(ExactReference.Units(neumaier) - exact);
        }, iter: 500);
    }

    [Fact]
    public void The_short_span_path_agrees_with_the_accumulator()
    {
        Gen.OneOf(Gen.Double, Gen.Double[-1e3, 1e3], Gen.Const(-0.0), Gen.Const(double.MaxValue)).Array[0, ExactSum.SmallSpan].Sample(xs =>
        {
            var acc = new ExactSum();
            foreach (double x in xs)
            {
                acc.Add(x);
            }

            return Bits(acc.Result()) == Bits(ExactSum.Of(xs));
        }, iter: 2000);
    }

    [Fact]
    public void Pins()
    {
        Assert.Equal(1.0, Det.Sum([1e16, 1, -1e16]));
        Assert.Equal(0.6, Det.Sum([0.1, 0.2, 0.3]));
        Assert.Equal(Bits(0.0), Bits(Det.Sum([-0.0])));
        Assert.Equal(Bits(0.0), Bits(Det.Sum([-0.0, -0.0, -0.0])));
        Assert.Equal(Bits(0.0), Bits(Det.Sum(Enumerable.Repeat(-0.0, 40).ToArray())));
        Assert.Equal(2 * double.Epsilon, Det.Sum([double.Epsilon, double.Epsilon]));
        Assert.Equal(double.MaxValue, Det.Sum([double.MaxValue, double.MaxValue, -double.MaxValue]));
        // Ties go to even: 2^53 + 1 is halfway between 2^53 and 2^53 + 2.
        Assert.Equal(9007199254740992.0, Det.Sum([9007199254740992.0, 0.5, 0.5]));
        Assert.Equal(9007199254740994.0, Det.Sum([9007199254740992.0, 0.5, 0.5, 1e-300]));
    }

    [Fact]
    public void Non_finite_input_and_overflow_give_NaN_as_the_reference_sum_does()
    {
        double[][] cases =
        [
            [1.0, double.PositiveInfinity],
            [double.NegativeInfinity],
            [double.NaN, 1.0],
            [double.PositiveInfinity, double.NegativeInfinity],
            [double.MaxValue, double.MaxValue],
            Enumerable.Repeat(double.MaxValue, 100).ToArray(),
        ];
        foreach (double[] xs in cases)
        {
            Assert.True(double.IsNaN(ExactReference.SortedNeumaier(xs)));
            Assert.True(double.IsNaN(Det.Sum(xs)));
        }
    }
}

public sealed class OrderStatisticsTests
{
    private static long Bits(double x) => BitConverter.DoubleToInt64Bits(x);

    // Large enough to take the radix path, re-read the input (buckets past the copy limit) and straddle buckets.
    [Theory]
    [InlineData(5_000_000, 3)]
    [InlineData(5_000_000, 1_000)]
    [InlineData(3_000, 2)]
    [InlineData(9_000, 50_000)]
    public void Int_and_double_inputs_select_what_the_sort_gives(int n, int distinct)
    {
        var random = new Random(n + distinct);
        long[] ints = new long[n];
        for (int i = 0; i < n; i++)
        {
            ints[i] = random.Next(distinct) * (random.Next(10) == 0 ? -7L : 3L);
        }

        double[] doubles = ints.Select(v => (double)v).ToArray();
        double[] sorted = doubles.ToArray();
        Array.Sort(sorted);
        foreach (double q in new[] { 0.0, 0.1, 0.5, 0.77, 1.0 })
        {
            double expected = Det.QuantileSorted(sorted, q);
            Assert.Equal(Bits(expected), Bits(OrderStatistics.Quantile<long, OrderStatistics.Identity>(ints, q, default)!.Value));
            Assert.Equal(Bits(expected), Bits(Det.Quantile(doubles, q)!.Value));
        }

        double med = Det.QuantileSorted(sorted, 0.5);
        double[] deviations = doubles.Select(x => Math.Abs(x - med)).ToArray();
        Array.Sort(deviations);
        Assert.Equal(Bits(1.4826 * Det.QuantileSorted(deviations, 0.5)), Bits(Det.MadAbout(doubles, med)));
        Assert.Equal(Bits(Det.QuantileSorted(deviations, 0.5)), Bits(OrderStatistics.Quantile(ints, 0.5, new OrderStatistics.AbsoluteDeviation(med))!.Value));
    }

    [Fact]
    public void Signed_zeros_and_NaNs_rank_by_total_order()
    {
        double[] xs = [.. Enumerable.Repeat(0.0, 1500), .. Enumerable.Repeat(-0.0, 1500), double.NaN, -double.NaN];
        double[] sorted = DetTests.ReferenceSort(xs);
        foreach (int k in new[] { 0, 1, 1499, 1500, 1501, 2999, 3000, 3001 })
        {
            Assert.Equal(Bits(sorted[k]), Bits(OrderStatistics.Select<double, OrderStatistics.Identity>(xs, k, wantNext: false, default).AtK));
        }
    }
}
