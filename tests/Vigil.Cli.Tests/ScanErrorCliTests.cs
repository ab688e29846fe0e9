using System.Text;

namespace Vigil.Cli.Tests;

/// <summary>
/// Every bad flag and bad input is one clean line and exit 2 (reference §1.2, §1.10; acceptance 5). The verb runs
/// in-process; what System.CommandLine rejects before a verb runs (no verb, an unknown verb) runs as a process.
/// </summary>
public sealed class ScanErrorCliTests
{
    [Theory]
    [InlineData("invalid configuration: --period must be an integer, got 'x'", "--period", "x")]
    [InlineData("invalid configuration: --period must be an integer, got '-5'", "--period", "-5")]
    [InlineData("invalid configuration: --period must be an integer, got '1.5'", "--period", "1.5")]
    [InlineData("invalid configuration: --period requires an integer", "--period")]
    [InlineData("invalid configuration: --baseline requires a path", "--baseline")]
    [InlineData("invalid configuration: --cadence requires a column name", "--cadence")]
    [InlineData("invalid configuration: --cad-max-cv requires a number", "--cad-max-cv")]
    [InlineData("invalid configuration: --cad-max-cv must be a number, got 'abc'", "--cad-max-cv", "abc")]
    [InlineData("invalid configuration: --cad-max-cv must be a finite, non-negative coefficient of variation, got '-0.1'", "--cad-max-cv", "-0.1")]
    [InlineData("invalid configuration: --cad-max-cv must be a finite, non-negative coefficient of variation, got 'inf'", "--cad-max-cv", "inf")]
    [InlineData("invalid configuration: --cad-max-cv must be a finite, non-negative coefficient of variation, got 'NaN'", "--cad-max-cv", "NaN")]
    [InlineData("invalid configuration: --fdr requires a number", "--fdr")]
    [InlineData("invalid configuration: --fdr must be a number, got 'high'", "--fdr", "high")]
    [InlineData("invalid configuration: --fdr must be a false-discovery rate in (0, 1], got '0'", "--fdr", "0")]
    [InlineData("invalid configuration: --fdr must be a false-discovery rate in (0, 1], got '1.5'", "--fdr", "1.5")]
    [InlineData("invalid configuration: --fdr must be a false-discovery rate in (0, 1], got 'inf'", "--fdr", "inf")]
    [InlineData("invalid configuration: --fdr must be a number, got ' 0.1'", "--fdr", " 0.1")]
    [InlineData("invalid configuration: --top requires an integer", "--top")]
    [InlineData("invalid configuration: --top must be a positive integer, got '0'", "--top", "0")]
    [InlineData("invalid configuration: --min-severity requires a level", "--min-severity")]
    [InlineData("invalid configuration: --min-severity must be one of info|low|medium|high|critical, got 'extreme'", "--min-severity", "extreme")]
    [InlineData("invalid configuration: --set requires KEY=VALUE", "--set")]
    [InlineData("invalid configuration: --set expects KEY=VALUE, got 'novalue'", "--set", "novalue")]
    [InlineData("invalid configuration: --set KEY and VALUE must both be non-empty, got '=3'", "--set", "=3")]
    [InlineData("invalid configuration: --set KEY and VALUE must both be non-empty, got 'k='", "--set", "k=")]
    [InlineData("invalid configuration: --columns requires a comma-separated list", "--columns")]
    [InlineData("invalid configuration: --columns requires at least one column name", "--columns", " , ")]
    [InlineData("invalid configuration: --exclude requires at least one column name", "--exclude", ",")]
    [InlineData("invalid configuration: use --columns or --exclude, not both", "--columns", "a", "--exclude", "b")]
    [InlineData("invalid configuration: --output must be json or table, got 'xml'", "-o", "xml")]
    public void Bad_flag_values(string message, params string[] flags)
    {
        CliRun run = InProcessCli.RunWithStdin(ScanCliTests.Clean, ["scan", .. flags]);
        CliRunner.AssertCleanError(run, message);
        Assert.Equal("vigil: error: " + message + "\n", run.Stderr);
    }

    [Theory]
    [InlineData("invalid configuration: --set: unknown config key 'bogus' (see `describe`)", "bogus=1")]
    [InlineData("invalid configuration: --set point_min_n: cannot parse '4.5' for this field", "point_min_n=4.5")]
    [InlineData("invalid configuration: --set column_roles: cannot parse 'maybe' for this field", "column_roles=maybe")]
    [InlineData("invalid configuration: --set produced an invalid config:", "point_min_n=-1")]
    [InlineData("invalid configuration: --set produced an invalid config:", "point_fdr_q=abc")]
    public void Bad_set_overrides(string message, string set) =>
        CliRunner.AssertCleanError(InProcessCli.RunWithStdin(ScanCliTests.Clean, "scan", "--set", set), message);

    [Fact]
    public void Unknown_column_is_named() =>
        CliRunner.AssertCleanError(InProcessCli.RunWithStdin(ScanCliTests.Clean, "scan", "--columns", "amount,nope"), "invalid configuration: no such column 'nope'");

    [Fact]
    public void Unknown_flag_is_an_error_not_a_path() =>
        CliRunner.AssertCleanError(InProcessCli.RunWithStdin(ScanCliTests.Clean, "scan", "--bogus"), "--bogus");

    [Fact]
    public void Two_inputs_are_refused() =>
        CliRunner.AssertCleanError(InProcessCli.RunWithStdin(ScanCliTests.Clean, "scan", "a.csv", "b.csv"), "takes one PATH");

    [Fact]
    public void Missing_file_is_an_io_error()
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "missing.csv");
        CliRunner.AssertCleanError(InProcessCli.Run("scan", path), $"io error: {path}: No such file or directory");
    }

    [Fact]
    public void Directory_is_an_io_error()
    {
        using var dir = new TempDir();
        CliRunner.AssertCleanError(InProcessCli.Run("scan", dir.Path), $"io error: {dir.Path}: Is a directory");
    }

    [Fact]
    public void Missing_baseline_is_an_io_error_after_the_input_parses() =>
        CliRunner.AssertCleanError(InProcessCli.RunWithStdin(ScanCliTests.Clean, "scan", "--baseline", "/nonexistent/base.csv"), "io error: /nonexistent/base.csv:");

    [Fact]
    public void Empty_input_is_unrecognized() =>
        CliRunner.AssertCleanError(InProcessCli.Run("scan"), "unsupported or unrecognized input format: -");

    [Fact]
    public void Blank_input_is_unrecognized() =>
        CliRunner.AssertCleanError(InProcessCli.RunWithStdin("  \n\n \n", "scan", "-"), "unsupported or unrecognized input format: -");

    [Fact]
    public void Binary_garbage_is_unrecognized() =>
        CliRunner.AssertCleanError(InProcessCli.RunWithStdin([0x00, 0x01, 0x02, 0xff], "scan"), "unsupported or unrecognized input format: -");

    [Theory]
    [InlineData("zeros")]
    [InlineData("zeros.bin")]
    [InlineData("zeros.log")]
    public void A_file_of_nul_bytes_is_unrecognized_not_a_clean_csv(string name)
    {
        // Issue 14 item 10: 1 MiB of NULs used to scan as a one-column CSV with exit 0.
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, name);
        File.WriteAllBytes(path, new byte[1 << 20]);
        CliRunner.AssertCleanError(InProcessCli.Run("scan", path), $"unsupported or unrecognized input format: {path}");
    }

    [Fact]
    public void Invalid_utf8_in_a_csv_file_names_the_problem()
    {
        using var dir = new TempDir();
        byte[] bytes = [.. Encoding.ASCII.GetBytes("a,b\n1,2\n3,"), 0xC3, 0x28, .. Encoding.ASCII.GetBytes("\n")];
        string path = dir.File("bad.csv", bytes);
        CliRun run = InProcessCli.Run("scan", path);
        CliRunner.AssertCleanError(run, "failed to parse csv input: ");
        Assert.Contains("line 3", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_json_file_names_the_format()
    {
        using var dir = new TempDir();
        string path = dir.File("bad.json", "[{\"a\": 1}, {\"a\": ]");
        CliRunner.AssertCleanError(InProcessCli.Run("scan", path), "failed to parse json input: ");
    }

    [Fact]
    public void Malformed_ndjson_names_the_line()
    {
        using var dir = new TempDir();
        string path = dir.File("bad.ndjson", "{\"a\":1}\n{\"a\":2}\n{\"a\":\n");
        CliRun run = InProcessCli.Run("scan", path);
        CliRunner.AssertCleanError(run, "failed to parse ndjson input: ");
        Assert.Contains("line 3", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlong_csv_row_names_its_line()
    {
        using var dir = new TempDir();
        string path = dir.File("ragged.csv", "a,b\n1,2\n3,4,5,6\n7,8\n");
        CliRun run = InProcessCli.Run("scan", path);
        CliRunner.AssertCleanError(run, $"failed to parse csv input: {path}: line 3: ");
    }

    [Theory]
    [InlineData("--input-format", "auditd")]
    [InlineData("-")]
    public void Malformed_auditd_stamp_names_its_line(params string[] args)
    {
        const string input = "type=SYSCALL msg=audit(1700000000.123:42): arch=c000003e syscall=59 success=yes\ntype=EXECVE msg=audit(garbage\n";
        CliRun run = InProcessCli.RunWithStdin(input, ["scan", .. args]);
        CliRunner.AssertCleanError(run, "failed to parse auditd input: stdin: line 2: ");
    }

    [Fact]
    public void Unknown_input_format_id_is_a_config_error() =>
        CliRunner.AssertCleanError(InProcessCli.RunWithStdin(ScanCliTests.Clean, "scan", "--input-format", "nope"), "invalid configuration: unknown format id 'nope'");

    [Fact]
    public void Unknown_verb_is_an_error()
    {
        CliRun run = CliRunner.Run("frobnicate");
        Assert.Equal(2, run.Exit);
        Assert.StartsWith("vigil: error: ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void No_arguments_is_an_error()
    {
        CliRun run = CliRunner.Run();
        Assert.Equal(2, run.Exit);
        Assert.Empty(run.StdoutBytes);
    }
}
