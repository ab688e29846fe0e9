using System.Text.Json;

namespace Vigil.Cli.Tests;

/// <summary>explain through the CLI, in-process (reference §1.7, §8.1); a missing HANDLE runs as a process.</summary>
public sealed class ExplainCliTests
{
    [Fact]
    public void Resolves_a_cell_handle_with_its_finding()
    {
        CliRun run = InProcessCli.RunWithStdin(ScanCliTests.Outlier, "explain", "cell:amount:8", "-");
        Assert.Equal(0, run.Exit);
        JsonElement e = JsonDocument.Parse(run.Stdout).RootElement;
        Assert.Equal(["protocol", "handle", "evidence", "findings"], e.EnumerateObject().Select(p => p.Name));
        Assert.Equal("{\"t\":\"int\",\"v\":9999}", e.GetProperty("evidence").GetProperty("value").GetRawText());
        Assert.Equal(1, e.GetProperty("findings").GetArrayLength());
        JsonElement f = e.GetProperty("findings")[0];
        Assert.Equal("point.modz", f.GetProperty("detector").GetString());
        Assert.Equal("int", f.GetProperty("col_type").GetString());
        Assert.EndsWith("}\n", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_handle_is_echoed_exactly()
    {
        CliRun run = InProcessCli.RunWithStdin(ScanCliTests.Outlier, "explain", "cell:amount:+8");
        Assert.Equal(0, run.Exit);
        Assert.StartsWith("{\"protocol\":\"anomalyx/tq1\",\"handle\":\"cell:amount:+8\",", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Column_handle_without_findings_exits_zero()
    {
        CliRun run = InProcessCli.RunWithStdin(ScanCliTests.Clean, "explain", "col:amount");
        Assert.Equal(0, run.Exit);
        Assert.Contains("\"evidence\":{\"kind\":\"column\",\"column\":\"amount\",\"type\":\"int\",\"len\":8,\"nulls\":0}", run.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("\"findings\":[]}\n", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_handle_is_malformed() =>
        CliRunner.AssertCleanError(InProcessCli.RunWithStdin(ScanCliTests.Outlier, "explain", "not-a-handle", "-"), "malformed handle: not-a-handle");

    [Theory]
    [InlineData("cell:amount:9", "cell:amount:9")]
    [InlineData("cell:nope:0", "cell:nope:0")]
    [InlineData("row:+9", "row:9")]
    [InlineData("range:amount:3:3", "range:amount:3:3")]
    [InlineData("range:amount:0:10", "range:amount:0:10")]
    [InlineData("col:nope", "col:nope")]
    public void Unresolved_handles_name_the_canonical_handle(string raw, string canonical) =>
        CliRunner.AssertCleanError(InProcessCli.RunWithStdin(ScanCliTests.Outlier, "explain", raw), "handle does not resolve against this corpus: " + canonical);

    [Fact]
    public void Handle_is_checked_before_the_input_is_read() =>
        CliRunner.AssertCleanError(InProcessCli.Run("explain", "nope", "/nonexistent.csv"), "malformed handle: nope");

    [Fact]
    public void Missing_handle_is_an_error()
    {
        CliRun run = CliRunner.RunWithStdin(ScanCliTests.Outlier, "explain");
        Assert.Equal(2, run.Exit);
        Assert.StartsWith("vigil: error: ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Handle_resolves_against_the_scoped_corpus() =>
        CliRunner.AssertCleanError(InProcessCli.RunWithStdin(ScanCliTests.Outlier, "explain", "col:id", "--exclude", "id"), "handle does not resolve against this corpus: col:id");
}
