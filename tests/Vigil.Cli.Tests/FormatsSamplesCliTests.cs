namespace Vigil.Cli.Tests;

/// <summary>The README's format samples do what the README says, through the CLI (in-process).</summary>
public sealed class FormatsSamplesCliTests
{
    [Fact]
    public void ReadingsQuickStartFindsThePlantedOutlier()
    {
        CliRun run = InProcessCli.Run("scan", Sample("readings.csv"));
        Assert.Equal(1, run.Exit);
        var (format, handles) = EnvelopeFindings.Read(run);
        Assert.Equal("csv", format);
        Assert.Contains(("point.modz", "cell:temperature_c:94"), handles);
    }

    [Fact]
    public void AuditdSyscallMixDriftsAgainstTheBaseline()
    {
        CliRun run = InProcessCli.Run("scan", "--baseline", Sample("auditd-baseline.log"), Sample("auditd-current.log"));
        Assert.Equal(1, run.Exit);
        var (format, handles) = EnvelopeFindings.Read(run);
        Assert.Equal("auditd", format);
        Assert.Contains(("dist.chi2", "dist:syscall"), handles);
    }

    [Fact]
    public void BeaconingAgentHasAMetronomicCadence()
    {
        CliRun run = InProcessCli.Run("scan", "--cadence", "ts", Sample("vigil-audit-beacon.jsonl"));
        Assert.Equal(1, run.Exit);
        var (format, handles) = EnvelopeFindings.Read(run);
        Assert.Equal("vigil-audit", format);
        Assert.Contains(("cad.regularity", "col:ts"), handles);
    }

    [Fact]
    public void FormatErrorsAreOneLine()
    {
        CliRunner.AssertCleanError(InProcessCli.RunWithStdin("a,b\n1,2\n", "scan", "--input-format", "excel", "-"), "unknown format id 'excel'");
        CliRunner.AssertCleanError(InProcessCli.RunWithStdin([0x00, 0x01, 0xFF], "scan", "-"), "unsupported or unrecognized input format: -");
        CliRunner.AssertCleanError(InProcessCli.RunWithStdin("{\"a\":1}\n{\"a\":2}\n{\"a\":", "scan", "-"), "failed to parse ndjson input: stdin: line 3: ");
    }

    private static string Sample(string name) => Path.Combine(RepoPaths.Root, "samples", name);
}
