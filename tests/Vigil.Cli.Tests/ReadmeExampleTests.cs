namespace Vigil.Cli.Tests;

/// <summary>The README's copy-paste examples stay true: what it shows is what the tool accepts.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public void AclExample_IsTheSampleFile_AndCheckAcceptsIt()
    {
        string readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        int section = readme.IndexOf("\n## Exec: set up a host", StringComparison.Ordinal);
        Assert.True(section >= 0, "README has no 'Exec: set up a host' section");
        int example = readme.IndexOf("\n### Example", section, StringComparison.Ordinal);
        Assert.True(example >= 0, "the section has no example");
        const string fence = "```toml\n";
        int start = readme.IndexOf(fence, example, StringComparison.Ordinal) + fence.Length;
        int end = readme.IndexOf("```\n", start, StringComparison.Ordinal);
        string block = readme[start..end];

        string sample = File.ReadAllText(Path.Combine(RepoPaths.Root, "samples", "exec-acl.toml"));
        Assert.Equal(sample, block);

        using var dir = new TempDir();
        string path = dir.File("exec-acl.toml", block);
        CliRun run = CliRunner.Run("check", "--acl", path);
        Assert.Equal(0, run.Exit);
        Assert.Equal($"ok: {path}: 2 allow entries, 5 commands, exec enabled\n", run.Stdout);
    }
}
