using System.Runtime.CompilerServices;

namespace Vigil.Cli.Tests;

/// <summary>The repository root and the shared data next to it (goldens, NIST, samples).</summary>
internal static class RepoPaths
{
    /// <summary>The folder holding Vigil.slnx, found from the binaries or (separate artifacts folder) this source file.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path under <c>../shared/data</c>.</summary>
    public static string SharedData(params string[] parts) => Path.Combine([Path.GetFullPath(Path.Combine(Root, "..", "shared", "data")), .. parts]);

    private static string FindRoot([CallerFilePath] string sourceFile = "")
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? string.Empty }.Where(s => s.Length > 0))
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Vigil.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Vigil.slnx not found");
    }
}
