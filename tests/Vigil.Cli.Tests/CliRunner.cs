using System.Diagnostics;
using System.Text;

namespace Vigil.Cli.Tests;

/// <summary>One run of the built CLI.</summary>
internal sealed record CliRun(int Exit, byte[] StdoutBytes, string Stderr)
{
    public string Stdout => Encoding.UTF8.GetString(StdoutBytes);
}

/// <summary>
/// Runs the built <c>vigil.dll</c> as a child process with piped stdin/stdout/stderr, the one way CLI tests start it
/// for a single run (long-lived servers are started by their own fixtures).
/// </summary>
internal static class CliRunner
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "vigil.dll");

    /// <summary>Runs with an empty stdin.</summary>
    public static CliRun Run(params string[] args) => Run([], null, args);

    public static CliRun RunWithStdin(string stdin, params string[] args) => Run(Encoding.UTF8.GetBytes(stdin), null, args);

    public static CliRun RunWithStdin(byte[] stdin, params string[] args) => Run(stdin, null, args);

    /// <summary>Runs with an empty stdin and <paramref name="environment"/> added to the inherited environment.</summary>
    public static CliRun RunWithEnvironment(IReadOnlyDictionary<string, string> environment, params string[] args) => Run([], environment, args);

    /// <summary>A clean failure: exit 2, nothing on stdout, exactly one stderr line with the prefix, no stack trace.</summary>
    public static void AssertCleanError(CliRun run, string expectedFragment)
    {
        Assert.Equal(2, run.Exit);
        Assert.Empty(run.StdoutBytes);
        string[] lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, "expected one stderr line, got:\n" + run.Stderr);
        Assert.StartsWith("vigil: error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(expectedFragment, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    /// <summary>
    /// The executable under test: the native binary named by <c>VIGIL_CLI</c> (CI publishes it and runs this suite
    /// against it), else the JIT-built <c>vigil.dll</c> next to the tests.
    /// </summary>
    public static ProcessStartInfo StartInfo()
    {
        bool native = Environment.GetEnvironmentVariable("VIGIL_CLI") is { Length: > 0 };
        var psi = new ProcessStartInfo(native ? Environment.GetEnvironmentVariable("VIGIL_CLI")!
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (!native)
        {
            psi.ArgumentList.Add(Dll);
        }

        return psi;
    }

    private static CliRun Run(byte[] stdin, IReadOnlyDictionary<string, string>? environment, string[] args)
    {
        ProcessStartInfo psi = StartInfo();
        psi.RedirectStandardInput = true;
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[name] = value;
        }

        using Process p = Process.Start(psi) ?? throw new InvalidOperationException("could not start the CLI");
        Task<byte[]> stdout = Task.Run(() =>
        {
            using var ms = new MemoryStream();
            p.StandardOutput.BaseStream.CopyTo(ms);
            return ms.ToArray();
        });
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        try
        {
            p.StandardInput.BaseStream.Write(stdin);
            p.StandardInput.Close();
        }
        catch (IOException)
        {
            // The CLI may exit before reading stdin (e.g. a flag error); that is its right.
        }

        if (!p.WaitForExit(Timeout))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"vigil did not exit within {Timeout.TotalSeconds} s: " + string.Join(' ', args));
        }

        return new CliRun(p.ExitCode, stdout.Result, stderr.Result);
    }
}
