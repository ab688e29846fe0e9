using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Vigil.Cli.Tests;

/// <summary>Determinism and ground truth at size (reference §6.2; acceptance 4, CLI side).</summary>
public sealed class ScanStressCliTests
{
    // Reference §6.2 item 3: xorshift64, seed 0x2545F4914F6CDD1D; a = round(unit·100), b = unit·5, g = x|y|z.
    private static string Xorshift40k()
    {
        ulong x = 0x2545F4914F6CDD1D;
        double Unit()
        {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            return (x >> 11) / 9007199254740992.0;
        }

        var sb = new StringBuilder("a,b,g\n");
        string[] g = ["x", "y", "z"];
        for (int i = 0; i < 40_000; i++)
        {
            double a = Math.Round(Unit() * 100, MidpointRounding.AwayFromZero);
            double b = Unit() * 5;
            sb.Append(a.ToString("R", CultureInfo.InvariantCulture)).Append(',').Append(b.ToString("R", CultureInfo.InvariantCulture)).Append(',').Append(g[i % 3]).Append('\n');
        }

        return sb.ToString();
    }

    [Fact]
    public void Forty_thousand_rows_are_byte_identical_across_runs()
    {
        using var dir = new TempDir();
        string path = dir.File("xorshift.csv", Xorshift40k());
        CliRun first = CliRunner.Run("scan", path);
        CliRun second = CliRunner.Run("scan", path);
        Assert.True(first.Exit is 0 or 1, first.Stderr);
        Assert.Equal(first.Exit, second.Exit);
        Assert.Equal(first.StdoutBytes, second.StdoutBytes);
        Assert.Equal(40_000, JsonDocument.Parse(first.Stdout).RootElement.GetProperty("rows_scanned").GetInt32());
    }

    [Fact]
    public void Ground_truth_outliers_are_exactly_flagged()
    {
        // Reference §6.2 item 2: v_i = 100 + ((i·7919) % 11)·0.01, rows 137, 503, 902 set to 1e6.
        var sb = new StringBuilder("v\n");
        for (int i = 0; i < 1000; i++)
        {
            double v = i is 137 or 503 or 902 ? 1e6 : 100 + (((i * 7919) % 11) * 0.01);
            sb.Append(v.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        CliRun run = CliRunner.RunWithStdin(sb.ToString(), "scan");
        Assert.Equal(1, run.Exit);
        JsonElement e = JsonDocument.Parse(run.Stdout).RootElement;
        string[] dict = e.GetProperty("dict").EnumerateArray().Select(d => d.GetString()!).ToArray();
        var pointHandles = e.GetProperty("rows").EnumerateArray()
            .Where(r => dict[r[0].GetInt32()] == "point.modz")
            .Select(r => dict[r[2].GetInt32()]).OrderBy(h => h, StringComparer.Ordinal).ToArray();
        Assert.Equal(["cell:v:137", "cell:v:503", "cell:v:902"], pointHandles);
    }
}
