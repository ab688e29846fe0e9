namespace Vigil.Cli.Tests.Startup;

/// <summary>
/// <c>vigil scan</c> stays off the exec side: a child process lists, at exit, every assembly it loaded (through a
/// startup hook), and none may be ASP.NET Core, gRPC, protobuf or the server/client assemblies.
/// </summary>
public sealed class ScanStartupTests
{
    private static readonly string[] Forbidden = ["Microsoft.AspNetCore", "Grpc", "Google.Protobuf", "Vigil.Server", "Vigil.Client", "Microsoft.Extensions.Hosting"];

    [Theory]
    [InlineData("scan", "-o", "json")]
    [InlineData("scan", "-o", "table")]
    [InlineData("explain", "col:temperature_c")]
    public void Scan_side_verbs_load_no_server_client_or_grpc_assembly(params string[] verb)
    {
        using var dir = new TempDir();
        string list = Path.Combine(dir.Path, "loaded.txt");
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_STARTUP_HOOKS"] = typeof(StartupHook).Assembly.Location,
            [StartupHook.ListVariable] = list,
        };

        CliRun run = CliRunner.RunWithEnvironment(environment, [.. verb, Path.Combine(RepoPaths.Root, "samples", "readings.csv")]);

        Assert.True(run.Exit is 0 or 1, run.Stderr);
        Assert.True(File.Exists(list), "the startup hook did not run: is System.StartupHookProvider.IsSupported off in vigil.runtimeconfig.json?");
        string[] loaded = File.ReadAllLines(list);
        Assert.Contains("Vigil.Scanning", loaded);
        Assert.Contains("Vigil.Detection", loaded);
        Assert.DoesNotContain(loaded, name => Forbidden.Any(f => name.StartsWith(f, StringComparison.Ordinal)));
    }
}
