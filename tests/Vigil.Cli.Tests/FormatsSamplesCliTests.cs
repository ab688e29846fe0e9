using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Vigil.Cli.Tests;

/// <summary>The README's format samples do what the README says, end to end through the built CLI.</summary>
public sealed class FormatsSamplesCliTests
{
    [Fact]
    public void ReadingsQuickStartFindsThePlantedOutlier()
    {
        CliRun run = ScanCli.Run("", "scan", Sample("readings.csv"));
        Assert.Equal(1, run.Exit);
        var (format, handles) = Findings(run);
        Assert.Equal("csv", format);
        Assert.Contains(("point.modz", "cell:temperature_c:94"), handles);
    }

    [Fact]
    public void AuditdSyscallMixDriftsAgainstTheBaseline()
    {
        CliRun run = ScanCli.Run("", "scan", "--baseline", Sample("auditd-baseline.log"), Sample("auditd-current.log"));
        Assert.Equal(1, run.Exit);
        var (format, handles) = Findings(run);
        Assert.Equal("auditd", format);
        Assert.Contains(("dist.chi2", "dist:syscall"), handles);
    }

    [Fact]
    public void BeaconingAgentHasAMetronomicCadence()
    {
        CliRun run = ScanCli.Run("", "scan", "--cadence", "ts", Sample("vigil-audit-beacon.jsonl"));
        Assert.Equal(1, run.Exit);
        var (format, handles) = Findings(run);
        Assert.Equal("vigil-audit", format);
        Assert.Contains(("cad.regularity", "col:ts"), handles);
    }

    [Fact]
    public void FormatErrorsAreOneLine()
    {
        ScanCli.AssertCleanError(ScanCli.Run("a,b\n1,2\n", "scan", "--input-format", "excel", "-"), "unknown format id 'excel'");
        ScanCli.AssertCleanError(ScanCli.Run([0x00, 0x01, 0xFF], "scan", "-"), "unsupported or unrecognized input format: -");
        ScanCli.AssertCleanError(ScanCli.Run("{\"a\":1}\n{\"a\":2}\n{\"a\":", "scan", "-"), "failed to parse ndjson input: line 3: ");
    }

    private static (string Format, List<(string Detector, string Handle)> Handles) Findings(CliRun run)
    {
        using JsonDocument doc = JsonDocument.Parse(run.StdoutBytes);
        JsonElement root = doc.RootElement;
        string[] dict = root.GetProperty("dict").EnumerateArray().Select(e => e.GetString()!).ToArray();
        string[] columns = root.GetProperty("columns").EnumerateArray().Select(e => e.GetString()!).ToArray();
        int detector = Array.IndexOf(columns, "detector");
        int handle = Array.IndexOf(columns, "handle");
        var handles = root.GetProperty("rows").EnumerateArray()
            .Select(r => (dict[r[detector].GetInt32()], dict[r[handle].GetInt32()]))
            .ToList();
        return (root.GetProperty("format").GetString()!, handles);
    }

    private static string Sample(string name, [CallerFilePath] string self = "")
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(self) ?? "." })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Vigil.slnx")))
                {
                    return Path.Combine(dir.FullName, "samples", name);
                }
            }
        }

        throw new InvalidOperationException("Vigil.slnx not found");
    }
}
