using System.Text.Json;

namespace Vigil.Cli.Tests;

/// <summary>Scan and explain run in-process through the scan service and the report writers.</summary>
public sealed class ScanInProcessTests
{
    private const string ScanBasicInput = "id,reading\n1,10\n2,11\n3,9\n4,10\n5,12\n6,8\n7,11\n8,10\n9,9\n10,1000\n";

    [Fact]
    public void Piped_scan_streams_the_golden_envelope_and_writes_nothing_on_stderr()
    {
        CliRun run = InProcessCli.RunWithStdin(ScanBasicInput, "scan", "-");
        Assert.Equal(1, run.Exit);
        Assert.Equal("", run.Stderr);
        Assert.Equal(File.ReadAllBytes(RepoPaths.SharedData("anomalyx-golden", "scan_basic.json")), run.StdoutBytes);
    }

    [Fact]
    public void Table_output_lists_the_finding_absences_and_summary()
    {
        CliRun run = InProcessCli.RunWithStdin(ScanBasicInput, "scan", "-", "-o", "table");

        Assert.Equal(1, run.Exit);
        Assert.Equal("", run.Stderr);
        string[] lines = run.Stdout.Split('\n');
        Assert.Matches(@"^SEVERITY +DETECTOR +HANDLE +REASON$", lines[0]);
        Assert.Matches(@"^critical +point\.modz +cell:reading:9 +reading = 1000\.000000: modified z-score ", lines[1]);
        Assert.Contains("not assessed:", lines);
        Assert.Contains("  cad.regularity: cadence detection requires a time column (pass --cadence <COL>)", lines);
        Assert.Equal("- (csv, 10 rows): 1 finding, max critical; exit 1", lines[^2]);
        Assert.Equal("", lines[^1]);
    }

    [Fact]
    public void Scoped_table_says_how_many_findings_are_shown()
    {
        string path = Path.Combine(RepoPaths.Root, "samples", "auditd-current.log");
        string baseline = Path.Combine(RepoPaths.Root, "samples", "auditd-baseline.log");
        CliRun json = InProcessCli.Run("scan", path, "--baseline", baseline, "-o", "json");
        CliRun table = InProcessCli.Run("scan", path, "--baseline", baseline, "-o", "table", "--top", "1");

        using var doc = JsonDocument.Parse(json.Stdout);
        int total = doc.RootElement.GetProperty("summary").GetProperty("total").GetInt32();
        Assert.True(total > 1);
        Assert.Equal(json.Exit, table.Exit);
        Assert.EndsWith($"{total} findings, max {doc.RootElement.GetProperty("summary").GetProperty("max_severity").GetString()}, 1 shown; exit 1\n", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_loads_through_the_same_service()
    {
        CliRun run = InProcessCli.RunWithStdin(ScanBasicInput, "explain", "cell:reading:9", "-");

        Assert.Equal(0, run.Exit);
        using var doc = JsonDocument.Parse(run.Stdout);
        Assert.Equal("cell:reading:9", doc.RootElement.GetProperty("handle").GetString());
        Assert.Equal("point.modz", doc.RootElement.GetProperty("findings")[0].GetProperty("detector").GetString());
    }

    [Fact]
    public void Explain_errors_keep_their_texts()
    {
        CliRunner.AssertCleanError(InProcessCli.RunWithStdin(ScanBasicInput, "explain", "cell:nope:1", "-"), "handle does not resolve against this corpus: cell:nope:1");
        CliRunner.AssertCleanError(InProcessCli.RunWithStdin(ScanBasicInput, "explain", "bogus", "-"), "malformed handle: bogus");
    }
}
