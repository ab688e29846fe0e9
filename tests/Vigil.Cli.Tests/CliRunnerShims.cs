namespace Vigil.Cli.Tests;

// The earlier per-file runners, kept only as forwards to CliRunner / TempDir / RepoPaths for the tests that still
// use them (ExecCliTests, AuditJoinTests). Switch those over, then delete this file.

/// <summary>Forwards to <see cref="CliRunner"/>; use that in new tests.</summary>
internal static class ScanCli
{
    public static CliRun Run(string stdin, params string[] args) => CliRunner.RunWithStdin(stdin, args);

    public static CliRun Run(byte[] stdin, params string[] args) => CliRunner.RunWithStdin(stdin, args);

    public static void AssertCleanError(CliRun run, string expectedFragment) => CliRunner.AssertCleanError(run, expectedFragment);

    /// <summary>Forwards to <see cref="Tests.TempDir"/>.</summary>
    public sealed class TempDir : IDisposable
    {
        private readonly Tests.TempDir _dir = new();

        public string Path => _dir.Path;

        public string File(string name, string content) => _dir.File(name, content);

        public string File(string name, byte[] content) => _dir.File(name, content);

        public void Dispose() => _dir.Dispose();
    }
}

/// <summary>Forwards to <see cref="RepoPaths.SharedData"/>.</summary>
internal static class ScanSharedData
{
    public static string PathOf(params string[] parts) => RepoPaths.SharedData(parts);
}

/// <summary>Forwards to <see cref="CliRunner"/> with the earlier result shape.</summary>
internal static class VigilProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(params string[] args) => From(CliRunner.Run(args));

    public static Result Run(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        From(CliRunner.RunWithEnvironment(environment, args));

    private static Result From(CliRun run) => new(run.Exit, run.Stdout, run.Stderr);
}
