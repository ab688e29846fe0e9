using System.Text;
using Vigil.Core.Columns;
using Vigil.Core.Values;

namespace Vigil.Formats.Tests;

/// <summary>Paths to the repo's samples and the shared real-sample files, and small column accessors.</summary>
internal static class TestData
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Vigil.slnx")))
            {
                return dir.FullName;
            }
        }

        // Builds into an artifacts folder outside the repo (VIGIL_ARTIFACTS): start from this source file instead.
        for (var dir = new DirectoryInfo(SourceDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Vigil.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root (Vigil.slnx) not found above " + AppContext.BaseDirectory);
    });

    public static string RepoRoot => Root.Value;

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetDirectoryName(path) ?? ".";

    /// <summary>A file under <c>../shared/data/real-samples/</c>.</summary>
    public static byte[] Real(string relative) => File.ReadAllBytes(Path.Combine(RepoRoot, "..", "shared", "data", "real-samples", relative));

    /// <summary>A file under the repo's <c>samples/</c>.</summary>
    public static byte[] Sample(string name) => File.ReadAllBytes(Path.Combine(RepoRoot, "samples", name));

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static IReadOnlyList<Column> Parse(IFormatParser parser, string text) => parser.Parse(Utf8(text));

    public static Column Col(this IReadOnlyList<Column> columns, string name) =>
        columns.FirstOrDefault(c => c.Name == name) ?? throw new Xunit.Sdk.XunitException($"no column '{name}' in [{string.Join(", ", columns.Select(c => c.Name))}]");

    public static Value[] Cells(this Column column) => Enumerable.Range(0, column.Length).Select(i => column[i]).ToArray();

    public static string[] Names(this IReadOnlyList<Column> columns) => columns.Select(c => c.Name).ToArray();

    public static Value I(long v) => Value.FromInt(v);

    public static Value F(double v) => Value.FromFloat(v);

    public static Value S(string v) => Value.FromString(v);

    public static Value B(bool v) => Value.FromBool(v);

    public static Value N => Value.Null;
}
