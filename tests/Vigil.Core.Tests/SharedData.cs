namespace Vigil.Core.Tests;

/// <summary>Locates the shared data folder next to the repository (never copied into it).</summary>
internal static class SharedData
{
    public static string Root { get; } = Find();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Vigil.slnx")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
            }
        }

        // Builds into an artifacts folder outside the repo (VIGIL_ARTIFACTS): start from this source file instead.
        for (var dir = new DirectoryInfo(SourceDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Vigil.slnx")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
            }
        }

        throw new InvalidOperationException("Vigil.slnx not found above " + AppContext.BaseDirectory);
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetDirectoryName(path) ?? ".";
}
