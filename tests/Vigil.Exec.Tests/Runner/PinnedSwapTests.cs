using System.Security.Cryptography;
using Vigil.Exec;
using Vigil.Exec.Policy;
using Vigil.Exec.Runner;

namespace Vigil.Exec.Tests.Runner;

/// <summary>
/// A sha256-pinned command runs the very file that was hashed: swapping the path between the check and the spawn
/// does not run the swapped file.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PinnedSwapTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-pin-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static RunLimits Limits => new(1 << 20, 1 << 20, 1 << 20, 1 << 20, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));

    private static string Digest(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public async Task PathSwappedAfterTheDigestCheck_TheHashedFileRuns()
    {
        string command = Path.Combine(_dir, "cmd");
        File.Copy("/bin/true", command);
        string swapIn = Path.Combine(_dir, "swap");
        File.Copy("/bin/false", swapIn);

        StartOutcome start = CommandRun.Start(
            new RunRequest([command], ReadOnlyMemory<byte>.Empty, null, Digest("/bin/true"), Limits),
            RunTimings.Default,
            environment: null,
            beforeSpawn: () => File.Move(swapIn, command, overwrite: true));

        Assert.Null(start.Denial);
        RunResult result = await start.Run!.Completion;
        Assert.Equal(0, result.Code);
    }

    [Fact]
    public void PinnedScript_IsRefusedWithAClearReason()
    {
        string script = Path.Combine(_dir, "script.sh");
        File.WriteAllText(script, "#!/bin/sh\nexit 0\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        StartOutcome start = CommandRun.Start(new RunRequest([script], ReadOnlyMemory<byte>.Empty, null, Digest(script), Limits), RunTimings.Default);

        Assert.Equal(DenialReason.ExecutableDigestMismatch, start.Denial);
        Assert.Contains("#!", start.Detail, StringComparison.Ordinal);
    }
}
