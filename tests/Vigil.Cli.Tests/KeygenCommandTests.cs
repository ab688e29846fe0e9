using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;

namespace Vigil.Cli.Tests;

/// <summary><c>vigil keygen</c> end to end, running the built CLI.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class KeygenCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-keygen-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Keygen_CreatesOwnerOnlyKeys_AndPrintsBothIds()
    {
        string keys = Path.Combine(_dir, "keys");
        VigilProcess.Result r = VigilProcess.Run("keygen", "--dir", keys);

        Assert.Equal(0, r.ExitCode);
        Assert.Equal(string.Empty, r.Stderr);
        Assert.Matches(new Regex("^agent_id [0-9a-f]{64}\nmachine_id [0-9a-f]{64}\n$"), r.Stdout);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(keys));
        foreach (string file in new[] { "machine.key", "agent.key", "binding.sig" })
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(keys, file)));
        }
    }

    [Fact]
    public void Keygen_Twice_RefusesToOverwrite()
    {
        VigilProcess.Result first = VigilProcess.Run("keygen", "--dir", _dir);
        byte[] agentKey = File.ReadAllBytes(Path.Combine(_dir, "agent.key"));

        VigilProcess.Result second = VigilProcess.Run("keygen", "--dir", _dir);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(2, second.ExitCode);
        Assert.Equal(string.Empty, second.Stdout);
        Assert.Equal(
            $"vigil: error: {Path.Combine(_dir, "machine.key")}: already exists (use --force to replace the keys)\n",
            second.Stderr);
        Assert.Equal(agentKey, File.ReadAllBytes(Path.Combine(_dir, "agent.key")));
    }

    [Fact]
    public void Keygen_Force_ReplacesTheKeys()
    {
        VigilProcess.Result first = VigilProcess.Run("keygen", "--dir", _dir);
        VigilProcess.Result forced = VigilProcess.Run("keygen", "--dir", _dir, "--force");

        Assert.Equal(0, forced.ExitCode);
        Assert.NotEqual(first.Stdout, forced.Stdout);
        Assert.Equal(forced.Stdout, VigilProcess.Run("id", "--dir", _dir).Stdout);
    }

    [Fact]
    public void Keygen_DefaultsToDotVigilInHome()
    {
        VigilProcess.Result r = VigilProcess.Run(new Dictionary<string, string> { ["HOME"] = _dir }, "keygen");
        Assert.Equal(0, r.ExitCode);
        Assert.True(File.Exists(Path.Combine(_dir, ".vigil", "agent.key")));
    }
}

/// <summary>Runs the built <c>vigil.dll</c> as a child process and captures its output.</summary>
internal static class VigilProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(params string[] args) => Run(new Dictionary<string, string>(), args);

    public static Result Run(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "vigil.dll");
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(dll);
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach ((string name, string value) in environment)
        {
            psi.Environment[name] = value;
        }

        using Process p = Process.Start(psi) ?? throw new InvalidOperationException("could not start the CLI");
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("vigil did not exit within 60 s");
        }

        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }
}
