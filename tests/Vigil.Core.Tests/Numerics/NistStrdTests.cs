using Vigil.Core.Columns;
using Vigil.Core.Numerics;

namespace Vigil.Core.Tests.Numerics;

/// <summary>NIST StRD univariate summary statistics (acceptance 3; reference §6.1).</summary>
public sealed class NistStrdTests
{
    public static TheoryData<string> All => new() { "PiDigits", "Lottery", "Lew", "Mavro", "Michelso", "NumAcc1", "NumAcc2", "NumAcc3", "NumAcc4" };

    public static TheoryData<string> WellConditioned => new() { "PiDigits", "Lottery", "Lew", "Mavro", "Michelso" };

    [Theory]
    [MemberData(nameof(All))]
    public void Mean_has_at_least_15_correct_digits(string name)
    {
        var d = StrdDataset.Load(name);
        double digits = StrdDataset.CorrectDigits(Det.Mean(d.Values)!.Value, d.Mean);
        Assert.True(digits >= 15, $"{name}: mean has {digits:F2} digits");
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Std_dev_has_at_least_8_correct_digits(string name)
    {
        var d = StrdDataset.Load(name);
        double digits = StrdDataset.CorrectDigits(Det.StdDev(d.Values)!.Value, d.StdDev);
        Assert.True(digits >= 8, $"{name}: std dev has {digits:F2} digits");
    }

    [Theory]
    [MemberData(nameof(WellConditioned))]
    public void Std_dev_has_at_least_13_digits_on_well_conditioned_data(string name)
    {
        var d = StrdDataset.Load(name);
        double digits = StrdDataset.CorrectDigits(Det.StdDev(d.Values)!.Value, d.StdDev);
        Assert.True(digits >= 13, $"{name}: std dev has {digits:F2} digits");
    }

    [Theory]
    [InlineData("NumAcc3")]
    [InlineData("NumAcc4")]
    public void Ill_conditioned_std_dev_beats_the_naive_one_pass_formula_by_5_digits(string name)
    {
        var d = StrdDataset.Load(name);
        double ours = StrdDataset.CorrectDigits(Det.StdDev(d.Values)!.Value, d.StdDev);
        double naive = StrdDataset.CorrectDigits(NaiveOnePassStdDev(d.Values), d.StdDev);
        Assert.True(naive < 2, $"{name}: naive has {naive:F2} digits");
        Assert.True(ours >= 8, $"{name}: ours has {ours:F2} digits");
        Assert.True(ours - naive >= 5, $"{name}: gap {ours - naive:F2}");
    }

    [Fact]
    public void NumAcc1_is_exact()
    {
        var d = StrdDataset.Load("NumAcc1");
        Assert.Equal(10000002.0, Det.Mean(d.Values));
        Assert.Equal(1.0, Det.StdDev(d.Values));
    }

    [Fact]
    public void Docs_table_digit_counts_are_reproduced()
    {
        // Reference §6.1 oracle table (two decimals).
        Assert.Equal(9.46, Math.Round(Digits("NumAcc3"), 2));
        Assert.Equal(8.25, Math.Round(Digits("NumAcc4"), 2));
        Assert.Equal(13.84, Math.Round(Digits("Michelso"), 2));
        Assert.Equal(13.12, Math.Round(Digits("Mavro"), 2));

        static double Digits(string name)
        {
            var d = StrdDataset.Load(name);
            return StrdDataset.CorrectDigits(Det.StdDev(d.Values)!.Value, d.StdDev);
        }
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Sum_is_bit_identical_under_reversal_and_rotation(string name)
    {
        double[] xs = StrdDataset.Load(name).Values;
        long expected = BitConverter.DoubleToInt64Bits(Det.Sum(xs));
        Assert.Equal(expected, BitConverter.DoubleToInt64Bits(Det.Sum(xs.Reverse().ToArray())));
        foreach (int rot in new[] { 1, 7, 101, 999 })
        {
            if (xs.Length > rot)
            {
                double[] rotated = [.. xs[rot..], .. xs[..rot]];
                Assert.Equal(expected, BitConverter.DoubleToInt64Bits(Det.Sum(rotated)));
            }
        }
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Mean_through_a_column_projection_keeps_15_digits(string name)
    {
        var d = StrdDataset.Load(name);
        var b = new ColumnBuilder("y");
        foreach (double x in d.Values)
        {
            b.AppendFloat(x);
        }

        double digits = StrdDataset.CorrectDigits(Det.Mean(b.Build().Numeric())!.Value, d.Mean);
        Assert.True(digits >= 15, $"{name}: {digits:F2}");
    }

    // (Σx² − (Σx)²/n)/(n−1) with plain left-to-right sums: the textbook formula that cancels catastrophically.
    private static double NaiveOnePassStdDev(double[] xs)
    {
        double s = 0, s2 = 0;
        foreach (double x in xs)
        {
            s += x;
            s2 += x * x;
        }

        double v = (s2 - (s * s / xs.Length)) / (xs.Length - 1);
        return Math.Sqrt(Math.Max(v, 0));
    }
}
