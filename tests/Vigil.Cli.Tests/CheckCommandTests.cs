namespace Vigil.Cli.Tests;

/// <summary><c>vigil check</c> end to end: runs the built CLI and checks exit codes and the exact lines it prints.</summary>
public sealed class CheckCommandTests : IDisposable
{
    private static readonly string Agent = string.Concat(Enumerable.Repeat("01", 32));
    private static readonly string Machine = string.Concat(Enumerable.Repeat("02", 32));

    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-check-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Entry(string agent, string commands) =>
        $"[[exec.allow]]\nagent_id = \"{agent}\"\nmachine_id = \"{Machine}\"\n{commands}\n";

    [Fact]
    public void ValidAcl_ExitsZero_WithOneLineSummary()
    {
        string path = Write(
            "ok.toml",
            "[exec]\nenabled = true\n"
            + Entry(Agent, "[[exec.allow.commands]]\nargv = [\"echo\", \"ok\"]\n[[exec.allow.commands]]\nargv = [\"journalctl\", \"-n\", \"<INT>\"]\n")
            + Entry(Agent.ToUpperInvariant(), "[[exec.allow.commands]]\nargv = [\"uptime\"]\n"));

        CliRun r = CliRunner.Run("check", "--acl", path);

        Assert.Equal(0, r.Exit);
        Assert.Equal($"ok: {path}: 2 allow entries, 3 commands, exec enabled\n", r.Stdout);
        Assert.Equal(string.Empty, r.Stderr);
    }

    [Fact]
    public void DisabledAcl_ExitsZero_AndSaysWhy()
    {
        string path = Write("off.toml", "[exec]\nenabled = false\n");
        CliRun r = CliRunner.Run("check", "--acl", path);
        Assert.Equal(0, r.Exit);
        Assert.Equal($"ok: {path}: 0 allow entries, 0 commands, exec disabled (exec_disabled)\n", r.Stdout);
    }

    [Fact]
    public void Sample_IsAccepted()
    {
        string path = Path.Combine(RepoPaths.Root, "samples", "exec-acl.toml");
        CliRun r = CliRunner.Run("check", "--acl", path);
        Assert.Equal(0, r.Exit);
        Assert.StartsWith($"ok: {path}: 2 allow entries, ", r.Stdout, StringComparison.Ordinal);
        Assert.EndsWith(", exec enabled\n", r.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("agent_short", "exec.allow[0].agent_id: expected 32 bytes / 64 hex chars, got 31 bytes")]
    [InlineData("template", "exec.allow[0].commands[0].argv[1]: allow[0].commands[0] has unsupported template token in \"<ANY>\"")]
    [InlineData("unknown_key", "exec.enable: unknown key \"enable\"")]
    [InlineData("missing_field", "exec.allow[0].machine_id: missing required key \"machine_id\"")]
    [InlineData("zero_cap", "exec.max_stdin_bytes: all exec caps must be positive")]
    public void InvalidAcl_ExitsTwo_NamingFileKeyAndReason(string kind, string expected)
    {
        string commands = "[[exec.allow.commands]]\nargv = [\"echo\", \"ok\"]\n";
        string text = kind switch
        {
            "agent_short" => "[exec]\nenabled = true\n" + Entry(Agent[..62], commands),
            "template" => "[exec]\nenabled = true\n" + Entry(Agent, "[[exec.allow.commands]]\nargv = [\"echo\", \"<ANY>\"]\n"),
            "unknown_key" => "[exec]\nenabled = true\nenable = true\n",
            "missing_field" => $"[exec]\nenabled = false\n[[exec.allow]]\nagent_id = \"{Agent}\"\n{commands}",
            _ => "[exec]\nenabled = true\nmax_stdin_bytes = 0\n" + Entry(Agent, commands),
        };
        string path = Write(kind + ".toml", text);

        CliRun r = CliRunner.Run("check", "--acl", path);

        Assert.Equal(2, r.Exit);
        Assert.Equal(string.Empty, r.Stdout);
        Assert.StartsWith($"vigil: error: {path}: {expected}", r.Stderr, StringComparison.Ordinal);
        Assert.Single(r.Stderr.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingExplicitFile_ExitsTwo()
    {
        string path = Path.Combine(_dir, "absent.toml");
        CliRun r = CliRunner.Run("check", "--acl", path);
        Assert.Equal(2, r.Exit);
        Assert.Equal($"vigil: error: {path}: exec ACL file not found\n", r.Stderr);
    }

    [Fact]
    public void TomlSyntaxError_ExitsTwo_WithLine()
    {
        string path = Write("syntax.toml", "[exec]\nenabled = true\nmax_stdout_bytes = @\n");
        CliRun r = CliRunner.Run("check", "--acl", path);
        Assert.Equal(2, r.Exit);
        Assert.StartsWith($"vigil: error: {path}:3:", r.Stderr, StringComparison.Ordinal);
    }
}
