namespace Vigil.Cli.Tests;

public sealed class RootCommandTests
{
    [Fact]
    public void Unknown_command_is_one_line_naming_it()
    {
        CliRun run = CliRunner.Run("bogus");
        Assert.Equal(2, run.Exit);
        Assert.Equal("", run.Stdout);
        Assert.Equal("vigil: error: Unrecognized command or argument 'bogus'. (see 'vigil --help')\n", run.Stderr);
    }

    [Fact]
    public void No_command_is_an_error_on_stderr()
    {
        CliRun run = CliRunner.Run();
        Assert.Equal(2, run.Exit);
        Assert.Equal("", run.Stdout);
        Assert.Equal("vigil: error: a command is required (see 'vigil --help')\n", run.Stderr);
    }

    [Fact]
    public void Version_names_the_tool()
    {
        CliRun run = CliRunner.Run("--version");
        Assert.Equal(0, run.Exit);
        Assert.Equal("vigil 0.1.0\n", run.Stdout);
    }
}
