using System.CommandLine;

namespace Vigil.Cli.Tests.Startup;

/// <summary>Only the verb being run is built; everything else (help, version, unknown verbs) sees the whole tree.</summary>
public sealed class CommandTreeTests
{
    private static readonly string[] AllVerbs = ["scan", "explain", "describe", "schema", "watch", "keygen", "id", "check", "audit", "serve", "exec", "diagnostics"];

    [Theory]
    [InlineData("scan")]
    [InlineData("explain")]
    [InlineData("exec")]
    public void A_named_verb_builds_only_itself(string verb)
    {
        RootCommand root = Program.BuildRoot(verb);
        Assert.Equal([verb], root.Subcommands.Select(c => c.Name));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("--help")]
    [InlineData("--version")]
    [InlineData("frobnicate")]
    public void Anything_else_builds_every_verb_in_readme_order(string? first)
    {
        RootCommand root = Program.BuildRoot(first);
        Assert.Equal(AllVerbs, root.Subcommands.Select(c => c.Name));
    }
}
