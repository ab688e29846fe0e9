using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Vigil.Exec.Tests.Policy;

/// <summary>Builds ACL TOML for tests; ids are the reference fixture's (agent 01×32, machine 02×32).</summary>
internal static class AclText
{
    public static readonly string Agent = string.Concat(Enumerable.Repeat("01", 32));
    public static readonly string Machine = string.Concat(Enumerable.Repeat("02", 32));
    public static readonly string OtherMachine = string.Concat(Enumerable.Repeat("03", 32));

    /// <summary>An enabled ACL with one entry for (Agent, Machine) holding <paramref name="commands"/>.</summary>
    public static string Enabled(string execExtra = "", string entryExtra = "", params string[][] commands)
    {
        var sb = new StringBuilder();
        sb.Append("[exec]\nenabled = true\n").Append(execExtra).Append('\n');
        sb.Append("[[exec.allow]]\n");
        sb.Append("description = \"alice@laptop\"\n");
        sb.Append("agent_id = \"").Append(Agent).Append("\"\n");
        sb.Append("machine_id = \"").Append(Machine).Append("\"\n");
        sb.Append(entryExtra).Append('\n');
        foreach (string[] argv in commands)
        {
            sb.Append("[[exec.allow.commands]]\nargv = ").Append(Array(argv)).Append('\n');
        }

        return sb.ToString();
    }

    public static string Array(IEnumerable<string> items) => "[" + string.Join(", ", items.Select(Quote)) + "]";

    /// <summary>A TOML basic string that round-trips any text (control characters as \u escapes).</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (char c in s)
        {
            if (c == '"' || c == '\\')
            {
                sb.Append('\\').Append(c);
            }
            else if (char.IsControl(c))
            {
                sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.Append('"').ToString();
    }

    /// <summary>
    /// Walks up to the folder holding Vigil.slnx: from the test binaries, or, when they were built into a separate
    /// artifacts folder (VIGIL_ARTIFACTS), from this source file's compile-time location.
    /// </summary>
    public static string RepoRoot([CallerFilePath] string sourceFile = "")
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

        throw new InvalidOperationException("Vigil.slnx not found above " + AppContext.BaseDirectory);
    }
}
