using System.Text;
using System.Text.Json;

namespace Vigil.Cli.Tests;

/// <summary>The built CLI against the anomalyx goldens (acceptance 1).</summary>
public sealed class GoldenCliTests
{
    private const string ScanBasicInput = "id,reading\n1,10\n2,11\n3,9\n4,10\n5,12\n6,8\n7,11\n8,10\n9,9\n10,1000\n";

    [Fact]
    public void Schema_is_byte_identical()
    {
        CliRun run = CliRunner.Run("schema");
        Assert.Equal(0, run.Exit);
        Assert.Equal(File.ReadAllBytes(RepoPaths.SharedData("anomalyx-golden", "schema.json")), run.StdoutBytes);
    }

    [Fact]
    public void Schema_and_describe_ignore_extra_arguments_like_the_reference()
    {
        CliRun run = CliRunner.Run("schema", "extra", "--whatever");
        Assert.Equal(0, run.Exit);
        Assert.Equal(File.ReadAllBytes(RepoPaths.SharedData("anomalyx-golden", "schema.json")), run.StdoutBytes);
        Assert.Equal(0, CliRunner.Run("describe", "--period", "7").Exit);
    }

    [Fact]
    public void Scan_basic_is_byte_identical_and_exits_1()
    {
        CliRun run = CliRunner.RunWithStdin(ScanBasicInput, "scan", "-");
        Assert.Equal("", run.Stderr);
        Assert.Equal(1, run.Exit);
        Assert.Equal(Encoding.UTF8.GetString(File.ReadAllBytes(RepoPaths.SharedData("anomalyx-golden", "scan_basic.json"))), run.Stdout);
        Assert.Equal(File.ReadAllBytes(RepoPaths.SharedData("anomalyx-golden", "scan_basic.json")), run.StdoutBytes);
    }

    [Fact]
    public void Scan_without_path_reads_stdin_too()
    {
        CliRun run = CliRunner.RunWithStdin(ScanBasicInput, "scan");
        Assert.Equal(1, run.Exit);
        Assert.Equal(File.ReadAllBytes(RepoPaths.SharedData("anomalyx-golden", "scan_basic.json")), run.StdoutBytes);
    }

    [Fact]
    public void Describe_carries_the_golden_contract_fields()
    {
        CliRun run = CliRunner.Run("describe");
        Assert.Equal(0, run.Exit);
        string golden = File.ReadAllText(RepoPaths.SharedData("anomalyx-golden", "describe.json"));
        using var ours = JsonDocument.Parse(run.Stdout);
        using var theirs = JsonDocument.Parse(golden);
        foreach (string field in new[] { "protocol", "summary", "commands", "anomaly_classes", "detectors", "finding_columns", "exit_codes", "config", "config_version", "determinism" })
        {
            Assert.Equal(theirs.RootElement.GetProperty(field).GetRawText(), ours.RootElement.GetProperty(field).GetRawText());
        }

        Assert.Equal("vigil", ours.RootElement.GetProperty("tool").GetString());
        // Same key order as the golden.
        Assert.Equal(theirs.RootElement.EnumerateObject().Select(p => p.Name), ours.RootElement.EnumerateObject().Select(p => p.Name));
        // The pretty layout of the shared fields is byte-identical: compare the config block's text.
        int Start(string s) => s.IndexOf("\"config\": {", StringComparison.Ordinal);
        string Block(string s) => s[Start(s)..s.IndexOf("\"determinism\"", StringComparison.Ordinal)];
        Assert.Equal(Block(golden), Block(run.Stdout));
        Assert.EndsWith("}\n", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_lists_exactly_the_registered_formats_in_registry_order()
    {
        CliRun run = CliRunner.Run("describe");
        using var doc = JsonDocument.Parse(run.Stdout);
        string[] listed = doc.RootElement.GetProperty("input_formats").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(Vigil.Formats.FormatRegistry.Parsers.Select(p => p.Id), listed);
        Assert.Contains("csv", listed);
        Assert.Equal(listed.Length, listed.Distinct().Count());
        // Registry order follows the reference's relative order (§5.2) for the ids both have.
        string[] golden = JsonDocument.Parse(File.ReadAllText(RepoPaths.SharedData("anomalyx-golden", "describe.json"))).RootElement
            .GetProperty("input_formats").EnumerateArray().Select(e => e.GetString()!).ToArray();
        string[] shared = listed.Where(golden.Contains).ToArray();
        Assert.Equal(golden.Where(shared.Contains), shared);
    }

    [Fact]
    public void Version_prints_tool_and_version()
    {
        CliRun run = CliRunner.Run("--version");
        Assert.Equal(0, run.Exit);
        Assert.Equal("vigil 0.1.0\n", run.Stdout);
    }
}
