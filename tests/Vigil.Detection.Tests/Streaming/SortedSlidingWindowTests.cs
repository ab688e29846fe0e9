using CsCheck;
using Vigil.Detection.Streaming;

namespace Vigil.Detection.Tests.Streaming;

public sealed class SortedSlidingWindowTests
{
    [Fact]
    public void Order_statistics_match_a_sort_of_the_last_values()
    {
        Gen.Select(Gen.Int[1, 400], Gen.Double[-50, 50].Array[1, 900]).Sample((capacity, values) =>
        {
            var window = new SortedSlidingWindow(capacity);
            for (int i = 0; i < values.Length; i++)
            {
                window.Add(values[i]);
                double[] expected = [.. values.Skip(Math.Max(0, i + 1 - capacity)).Take(Math.Min(i + 1, capacity)).Order()];
                Assert.Equal(expected, window.ToSortedArray());
                Assert.Equal(expected.Count(v => v >= values[i]), window.CountAtLeast(values[i]));
                int k = i % expected.Length;
                Assert.Equal(expected[k], window.Kth(k));
                Assert.Equal(expected.Skip(k).Sum(), window.SumFrom(k), 9);
            }
        }, iter: 60);
    }

    [Fact]
    public void Quantiles_interpolate_between_order_statistics()
    {
        var window = new SortedSlidingWindow(8);
        foreach (double v in new double[] { 4, 1, 3, 2 })
        {
            window.Add(v);
        }

        Assert.Equal(2.5, window.Quantile(0.5));
        Assert.Equal(1.75, window.Quantile(0.25));
        Assert.Equal(4.0, window.Quantile(1.0));
    }
}
