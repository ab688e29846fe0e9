using System.Globalization;

namespace Vigil.Core.Tests.Numerics;

/// <summary>One NIST StRD univariate dataset: certified values from the header, then the data (reference §6.1).</summary>
internal sealed record StrdDataset(string Name, double Mean, double StdDev, int Count, double[] Values)
{
    public static StrdDataset Load(string name)
    {
        string[] lines = File.ReadAllLines(SharedData.PathOf("strd", name + ".dat"));
        double? mean = null, sd = null;
        int? n = null;
        int dataStart = -1;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (mean is null && line.Contains("Sample Mean", StringComparison.Ordinal))
            {
                mean = Certified(line);
            }
            else if (sd is null && line.Contains("Standard Deviation", StringComparison.Ordinal))
            {
                sd = Certified(line);
            }
            else if (n is null && line.Contains("Number of Observations", StringComparison.Ordinal))
            {
                n = (int)Certified(line);
            }

            string t = line.Trim();
            if (t.Length >= 3 && t.All(c => c == '-'))
            {
                dataStart = i + 1;
                break;
            }
        }

        Assert.True(mean is not null && sd is not null && n is not null && dataStart > 0, $"{name}: header incomplete");
        var values = lines.Skip(dataStart).Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l => double.Parse(l.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(n!.Value, values.Length);
        return new StrdDataset(name, mean!.Value, sd!.Value, n.Value, values);
    }

    // The first whitespace token after the last ':'.
    private static double Certified(string line)
    {
        string tail = line[(line.LastIndexOf(':') + 1)..];
        string token = tail.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0];
        return double.Parse(token, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>−log10 of the relative error (absolute when the target is 0); +∞ when exact.</summary>
    public static double CorrectDigits(double computed, double certified)
    {
        if (computed == certified)
        {
            return double.PositiveInfinity;
        }

        return certified == 0 ? -Math.Log10(Math.Abs(computed)) : -Math.Log10(Math.Abs((computed - certified) / certified));
    }
}
