using System.Text.Json;

namespace Vigil.Cli.Tests;

/// <summary>scan through the CLI, in-process (reference §8.1 cli.rs, §1.2–1.6, §3.6); help output runs as a process.</summary>
public sealed class ScanCliTests
{
    internal const string Clean = "id,amount\n1,10\n2,11\n3,9\n4,10\n5,12\n6,11\n7,10\n8,9\n";
    internal const string Outlier = Clean + "9,9999\n";

    private static JsonElement Envelope(CliRun run) => JsonDocument.Parse(run.Stdout).RootElement;

    [Fact]
    public void Clean_input_exits_zero_with_no_rows()
    {
        CliRun run = InProcessCli.RunWithStdin(Clean, "scan");
        Assert.Equal(0, run.Exit);
        JsonElement e = Envelope(run);
        Assert.Equal(0, e.GetProperty("exit").GetInt32());
        Assert.Equal(0, e.GetProperty("rows").GetArrayLength());
        Assert.False(e.TryGetProperty("baseline", out _));
        Assert.Contains(e.GetProperty("absent").EnumerateArray(), a => a.GetProperty("detector").GetString() == "dist.ks");
    }

    [Fact]
    public void Outlier_exits_one_with_a_finding()
    {
        CliRun run = InProcessCli.RunWithStdin(Outlier, "scan", "-");
        Assert.Equal(1, run.Exit);
        JsonElement e = Envelope(run);
        Assert.Equal(1, e.GetProperty("rows").GetArrayLength());
        Assert.Contains(e.GetProperty("dict").EnumerateArray(), d => d.GetString() == "cell:amount:8");
    }

    [Fact]
    public void File_path_wins_over_stdin_and_source_is_the_path_as_given()
    {
        using var dir = new TempDir();
        string path = dir.File("data.csv", Outlier);
        CliRun run = InProcessCli.RunWithStdin(Clean, "scan", path);
        Assert.Equal(1, run.Exit);
        Assert.Equal(path, Envelope(run).GetProperty("source").GetString());
        Assert.Equal("csv", Envelope(run).GetProperty("format").GetString());
    }

    [Fact]
    public void Baseline_mode_detects_drift()
    {
        using var dir = new TempDir();
        string baseline = dir.File("base.csv", "amount\n" + string.Concat(Enumerable.Range(0, 24).Select(i => $"{10 + (i % 5)}\n")));
        string current = dir.File("cur.csv", "amount\n" + string.Concat(Enumerable.Range(0, 24).Select(i => $"{900 + (i % 5)}\n")));
        CliRun run = InProcessCli.Run("scan", "--baseline", baseline, current);
        Assert.Equal(1, run.Exit);
        JsonElement e = Envelope(run);
        Assert.Equal(baseline, e.GetProperty("baseline").GetString());
        string[] dict = e.GetProperty("dict").EnumerateArray().Select(d => d.GetString()!).ToArray();
        Assert.Contains("dist.ks", dict);
        Assert.Contains("dist.psi", dict);
        string[] keys = e.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal("baseline", keys[4]);
    }

    [Theory]
    // Reference §3.6 examples.
    [InlineData("cxp=7", "--period", "7")]
    [InlineData("cdc=ts", "--cadence", "ts")]
    [InlineData("cdcv=0.1500", "--cad-max-cv", "0.15")]
    [InlineData("pfdr=0.0500", "--fdr", "0.05")]
    [InlineData("cr=false", "--no-column-roles")]
    [InlineData("pt=4.0000", "--set", "point_threshold=4")]
    [InlineData("mvr=1e-6", "--set", "mv_ridge=0.000001")]
    [InlineData("mva=0.00010", "--set", "mv_alpha=0.0001")]
    [InlineData(";cdcv=-0.0000;", "--cad-max-cv", "-0")] // Rust ≥1.53 prints the sign of −0.0
    [InlineData("cxp=3", "--period=3")]
    public void Flags_move_the_config_fingerprint(string fragment, params string[] flags)
    {
        CliRun run = InProcessCli.RunWithStdin(Clean, ["scan", .. flags, "-"]);
        Assert.True(run.Exit == 0, run.Stderr);
        Assert.Contains(fragment, Envelope(run).GetProperty("config_version").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Set_runs_after_the_dedicated_flag_and_wins()
    {
        CliRun run = InProcessCli.RunWithStdin(Clean, "scan", "--set", "ctx_period=9", "--period", "4");
        Assert.Contains(";cxp=9;", Envelope(run).GetProperty("config_version").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Repeated_flag_keeps_the_last_value()
    {
        CliRun run = InProcessCli.RunWithStdin(Clean, "scan", "--period", "4", "--period", "6");
        Assert.Contains(";cxp=6;", Envelope(run).GetProperty("config_version").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Top_and_min_severity_add_scope_but_keep_summary_and_exit()
    {
        string input = Clean + "9,9999\n10,8888\n11,7777\n";
        CliRun run = InProcessCli.RunWithStdin(input, "scan", "--top", "1", "--min-severity", "LOW");
        Assert.Equal(1, run.Exit);
        JsonElement e = Envelope(run);
        Assert.Equal(1, e.GetProperty("rows").GetArrayLength());
        // Reference §4.1: median 11, MAD 1.4826, so only the three huge amounts exceed 3.5 (all critical); `id` is
        // role-skipped and every other detector is absent on 11 rows. §3.2: severity, class, then handle ordinal,
        // so "cell:amount:10" < "cell:amount:8" < "cell:amount:9" and --top 1 keeps row 10.
        int total = e.GetProperty("summary").GetProperty("total").GetInt32();
        Assert.Equal(3, total);
        string[] dict = e.GetProperty("dict").EnumerateArray().Select(d => d.GetString()!).ToArray();
        Assert.Equal("cell:amount:10", dict[e.GetProperty("rows")[0][2].GetInt32()]);
        Assert.Equal("critical", e.GetProperty("summary").GetProperty("max_severity").GetString());
        JsonElement scope = e.GetProperty("scope");
        Assert.Equal("low", scope.GetProperty("min_severity").GetString());
        Assert.Equal(1, scope.GetProperty("top").GetInt32());
        Assert.Equal(total, scope.GetProperty("detected").GetInt32());
        Assert.Equal(1, scope.GetProperty("emitted").GetInt32());
        Assert.Equal(total - 1, scope.GetProperty("dropped").GetInt32());
    }

    [Fact]
    public void Columns_keeps_corpus_order_and_exclude_drops()
    {
        string input = "c,b,a\n" + string.Concat(Enumerable.Range(0, 10).Select(i => $"{i % 3},{i % 4},{i % 5}\n"));
        JsonElement sel = Envelope(InProcessCli.RunWithStdin(input, "scan", "--columns", " a, ,c,"));
        Assert.Equal(["c", "a"], sel.GetProperty("roles").EnumerateArray().Select(r => r.GetProperty("column").GetString()));
        JsonElement exc = Envelope(InProcessCli.RunWithStdin(input, "scan", "--exclude", "b"));
        Assert.Equal(["c", "a"], exc.GetProperty("roles").EnumerateArray().Select(r => r.GetProperty("column").GetString()));
    }

    [Fact]
    public void Excluding_every_column_is_a_clean_empty_scan()
    {
        CliRun run = InProcessCli.RunWithStdin(Outlier, "scan", "--exclude", "id,amount");
        Assert.Equal(0, run.Exit);
        JsonElement e = Envelope(run);
        Assert.Equal(0, e.GetProperty("rows_scanned").GetInt32());
        Assert.Equal(0, e.GetProperty("roles").GetArrayLength());
    }

    [Fact]
    public void Baseline_projection_is_lenient()
    {
        using var dir = new TempDir();
        string baseline = dir.File("base.csv", "other\n1\n2\n");
        CliRun run = InProcessCli.RunWithStdin(Clean, "scan", "--baseline", baseline, "--columns", "amount");
        // Reference §1.4: the unknown name is ignored for the baseline, which keeps no column; §4.2: `amount` is
        // then new (0.9, high) and `other`, projected away, is never reported as dropped. Nothing else fires.
        Assert.True(run.Exit == 1, run.Stderr);
        JsonElement e = Envelope(run);
        string[] dict = e.GetProperty("dict").EnumerateArray().Select(d => d.GetString()!).ToArray();
        JsonElement row = Assert.Single(e.GetProperty("rows").EnumerateArray());
        Assert.Equal("struct.schema", dict[row[0].GetInt32()]);
        Assert.Equal("col:amount", dict[row[2].GetInt32()]);
        Assert.Equal(0.9, row[3].GetDouble());
        Assert.Equal("high", dict[row[4].GetInt32()]);
        Assert.Equal("column 'amount' is new (absent in baseline)", dict[row[6].GetInt32()]);
    }

    [Fact]
    public void Input_format_forces_the_parser()
    {
        CliRun run = InProcessCli.RunWithStdin("a\tb\n1\t2\n", "scan", "--input-format", "csv");
        Assert.Equal(0, run.Exit);
        JsonElement e = Envelope(run);
        Assert.Equal("csv", e.GetProperty("format").GetString());
        Assert.Equal("a\tb", e.GetProperty("roles")[0].GetProperty("column").GetString());
    }

    [Fact]
    public void Output_table_is_human_readable()
    {
        CliRun run = InProcessCli.RunWithStdin(Outlier, "scan", "-o", "table");
        Assert.Equal(1, run.Exit);
        Assert.Contains("SEVERITY", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("critical", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("cell:amount:8", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("dist.ks: no baseline provided", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("anomalyx/tq1", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_json_is_the_envelope()
    {
        CliRun run = InProcessCli.RunWithStdin(Outlier, "scan", "--output", "json");
        Assert.Equal("anomalyx/tq1", Envelope(run).GetProperty("protocol").GetString());
    }

    [Fact]
    public void Scan_help_prints_help_and_exits_zero()
    {
        CliRun run = CliRunner.Run("scan", "--help");
        Assert.Equal(0, run.Exit);
        Assert.Contains("--baseline", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("--min-severity", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("--set", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Root_help_lists_the_scan_verbs()
    {
        CliRun run = CliRunner.Run("--help");
        Assert.Equal(0, run.Exit);
        foreach (string verb in new[] { "scan", "explain", "describe", "schema" })
        {
            Assert.Contains(verb, run.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Output_is_byte_identical_across_runs()
    {
        CliRun a = InProcessCli.RunWithStdin(Outlier, "scan");
        CliRun b = InProcessCli.RunWithStdin(Outlier, "scan");
        Assert.Equal(a.StdoutBytes, b.StdoutBytes);
    }
}
