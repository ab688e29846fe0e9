using Vigil.Exec.Audit;
using Vigil.Exec.Identity;

namespace Vigil.Cli.Tests;

/// <summary><c>vigil audit verify</c> end to end, running the built CLI on logs written by <see cref="AuditLog"/>.</summary>
public sealed class AuditVerifyCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-audit-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<string> WriteLogAsync(int events)
    {
        string path = Path.Combine(_dir, "exec.log");
        await using var log = new AuditLog(path, TimeProvider.System);
        for (int i = 0; i < events; i++)
        {
            await log.AppendAsync(new AuditStartedEvent(new RequestId(0, (ulong)i), 1000 + i));
        }

        return path;
    }

    [Fact]
    public async Task IntactLog_ExitsZero()
    {
        string path = await WriteLogAsync(3);
        CliRun r = CliRunner.Run("audit", "verify", path);
        Assert.Equal(0, r.Exit);
        Assert.Equal($"ok: {path}: 3 events, chain intact\n", r.Stdout);
        Assert.Equal(string.Empty, r.Stderr);
    }

    [Fact]
    public async Task DeletedLine_ExitsOne_WithTheFirstBrokenSeq()
    {
        string path = await WriteLogAsync(4);
        List<string> lines = [.. File.ReadAllLines(path)];
        lines.RemoveAt(1);
        File.WriteAllText(path, string.Join('\n', lines) + "\n");

        CliRun r = CliRunner.Run("audit", "verify", path);

        Assert.Equal(1, r.Exit);
        Assert.StartsWith($"broken: {path}: seq 1: deleted: ", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TornLastLine_ExitsOne()
    {
        string path = await WriteLogAsync(3);
        byte[] content = File.ReadAllBytes(path);
        File.WriteAllBytes(path, content[..^5]);

        CliRun r = CliRunner.Run("audit", "verify", path);

        Assert.Equal(1, r.Exit);
        Assert.StartsWith($"broken: {path}: seq 2: torn last line: ", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFile_ExitsTwo()
    {
        string path = Path.Combine(_dir, "absent.log");
        CliRun r = CliRunner.Run("audit", "verify", path);
        Assert.Equal(2, r.Exit);
        Assert.Equal($"vigil: error: {path}: cannot read audit log: no such file\n", r.Stderr);
    }

    [Fact]
    public void DirectoryInsteadOfFile_ExitsTwo()
    {
        CliRun r = CliRunner.Run("audit", "verify", _dir);
        Assert.Equal(2, r.Exit);
        Assert.Equal($"vigil: error: {_dir}: cannot read audit log: is a directory, not an audit log\n", r.Stderr);
    }

    [Fact]
    public void MissingPathArgument_ExitsTwo()
    {
        CliRun r = CliRunner.Run("audit", "verify");
        Assert.Equal(2, r.Exit);
        Assert.StartsWith("vigil: error: ", r.Stderr, StringComparison.Ordinal);
    }
}
