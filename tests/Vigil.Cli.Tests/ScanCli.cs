using System.Diagnostics;
using System.Text;

namespace Vigil.Cli.Tests;

/// <summary>One run of the built CLI.</summary>
internal sealed record CliRun(int Exit, byte[] StdoutBytes, string Stderr)
{
    public string Stdout => Encoding.UTF8.GetString(StdoutBytes);
}

/// <summary>Runs the built <c>vigil.dll</c> as a child process with piped stdin/stdout/stderr (scan-side tests).</summary>
internal static class ScanCli
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "vigil.dll");

    public static CliRun Run(string stdin, params string[] args) => Run(Encoding.UTF8.GetBytes(stdin), args);

    public static CliRun Run(byte[] stdin, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Dll);
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var p = Process.Start(psi)!;
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

        if (!p.WaitForExit(120_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("vigil did not exit within 120 s: " + string.Join(' ', args));
        }

        return new CliRun(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>A temp directory removed on dispose.</summary>
    public sealed class TempDir : IDisposable
    {
        public TempDir() => Directory.CreateDirectory(Path);

        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "vigil-scan-" + Guid.NewGuid().ToString("N"));

        public string File(string name, string content)
        {
            string p = System.IO.Path.Combine(Path, name);
            System.IO.File.WriteAllText(p, content);
            return p;
        }

        public string File(string name, byte[] content)
        {
            string p = System.IO.Path.Combine(Path, name);
            System.IO.File.WriteAllBytes(p, content);
            return p;
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }

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
}

/// <summary>Shared data next to the repository (goldens, NIST).</summary>
internal static class ScanSharedData
{
    public static string PathOf(params string[] parts) => Path.Combine([Root(), .. parts]);

    private static string Root([System.Runtime.CompilerServices.CallerFilePath] string self = "")
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(self) ?? "." })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Vigil.slnx")))
                {
                    return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
                }
            }
        }

        throw new InvalidOperationException("Vigil.slnx not found");
    }
}
