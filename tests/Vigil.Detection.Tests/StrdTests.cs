using System.Globalization;
using Vigil.Core.Columns;
using Vigil.Detection.Numerics;

namespace Vigil.Detection.Tests;

/// <summary>NIST StRD univariate certified values (reference §6.1) through the detectors' sorted reductions.</summary>
public sealed class StrdTests
{
    public static TheoryData<string> Datasets => new() { "PiDigits", "Lottery", "Lew", "Mavro", "Michelso", "NumAcc1", "NumAcc2", "NumAcc3", "NumAcc4" };

    [Theory]
    [MemberData(nameof(Datasets))]
    public void MeanAndStdDev_ReachCertifiedDigits(string name)
    {
        (double mean, double sd, double[] data) = Load(name);
        ColumnProfile s = Profile(data);
        Assert.True(CorrectDigits(s.Mean!.Value, mean) >= 15, $"{name} mean digits {CorrectDigits(s.Mean!.Value, mean)}");
        double need = name is "PiDigits" or "Lottery" or "Lew" or "Mavro" or "Michelso" ? 13 : 8;
        Assert.True(CorrectDigits(s.StdDev!.Value, sd) >= need, $"{name} sd digits {CorrectDigits(s.StdDev!.Value, sd)}");
    }

    [Fact]
    public void NumAcc1_IsExact()
    {
        ColumnProfile s = Profile(Load("NumAcc1").Data);
        Assert.Equal(10000002.0, s.Mean);
        Assert.Equal(1.0, s.StdDev);
    }

    [Theory]
    [MemberData(nameof(Datasets))]
    public void Sum_IsBitIdenticalUnderReversalAndRotation(string name)
    {
        double[] data = Load(name).Data;
        long bits = BitConverter.DoubleToInt64Bits(Profile(data).Sum);
        Assert.Equal(bits, BitConverter.DoubleToInt64Bits(Profile(data.Reverse().ToArray()).Sum));
        foreach (int rot in new[] { 1, 7, 101, 999 })
        {
            if (data.Length > rot)
            {
                double[] rotated = [.. data[rot..], .. data[..rot]];
                Assert.Equal(bits, BitConverter.DoubleToInt64Bits(Profile(rotated).Sum));
            }
        }
    }

    // Through a Float column, so the zero-copy view over column storage is what gets measured.
    private static ColumnProfile Profile(double[] data)
    {
        var b = new ColumnBuilder("y", data.Length);
        foreach (double x in data)
        {
            b.AppendFloat(x);
        }

        return ColumnProfile.Of(b.Build());
    }

    private static double CorrectDigits(double computed, double certified) =>
        computed == certified ? double.PositiveInfinity
        : certified == 0 ? -Math.Log10(Math.Abs(computed))
        : -Math.Log10(Math.Abs((computed - certified) / certified));

    private static (double Mean, double Sd, double[] Data) Load(string name)
    {
        string[] lines = File.ReadAllLines(SharedData.Path($"strd/{name}.dat"));
        double Certified(string label)
        {
            string line = lines.First(l => l.Contains(label, StringComparison.Ordinal));
            string token = line[(line.LastIndexOf(':') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
            return double.Parse(token, CultureInfo.InvariantCulture);
        }

        int start = Array.FindIndex(lines, l => l.Trim().Length >= 3 && l.Trim().All(c => c == '-')) + 1;
        double[] data = lines[start..].Where(l => l.Trim().Length > 0).Select(l => double.Parse(l.Trim(), CultureInfo.InvariantCulture)).ToArray();
        int n = (int)Certified("Number of Observations");
        Assert.Equal(n, data.Length);
        return (Certified("Sample Mean"), Certified("Standard Deviation"), data);
    }
}
