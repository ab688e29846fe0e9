using System.Runtime.CompilerServices;

namespace Vigil.Scanning.Tests;

/// <summary>The repository root, its samples, and the shared data next to it (goldens, real samples).</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>A path under <c>samples/</c>.</summary>
    public static string Sample(string name) => Path.Combine(Root, "samples", name);

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
