using System.Runtime.CompilerServices;

namespace Vigil.Detection.Tests;

/// <summary>Locates <c>../shared/data</c> relative to the repository root (the folder holding Vigil.slnx).</summary>
internal static class SharedData
{
    public static string Path(string relative, [CallerFilePath] string sourceFile = "")
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory(), System.IO.Path.GetDirectoryName(sourceFile) ?? "." })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "Vigil.slnx")))
                {
                    return System.IO.Path.Combine(dir.FullName, "..", "shared", "data", relative);
                }
            }
        }

        throw new DirectoryNotFoundException("repository root (Vigil.slnx) not found");
    }
}
