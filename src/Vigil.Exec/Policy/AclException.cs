using System.Globalization;
using System.Text;

namespace Vigil.Exec.Policy;

/// <summary>
/// The only exception the ACL loader throws. <see cref="Exception.Message"/> is one line,
/// <c>&lt;file&gt;: &lt;key path&gt;: &lt;why&gt;</c> (or <c>&lt;file&gt;:&lt;line&gt;:&lt;column&gt;: ...</c> for TOML syntax),
/// ready to be printed after <c>vigil: error: </c>.
/// </summary>
public sealed class AclException : Exception
{
    internal AclException(
        AclErrorKind kind,
        string sourcePath,
        string reason,
        string? keyPath = null,
        int? entryIndex = null,
        int? commandIndex = null,
        int? line = null,
        int? column = null,
        Exception? inner = null)
        : base(Compose(sourcePath, keyPath, reason, line, column), inner)
    {
        Kind = kind;
        SourcePath = sourcePath;
        Reason = reason;
        KeyPath = keyPath;
        EntryIndex = entryIndex;
        CommandIndex = commandIndex;
        Line = line;
        Column = column;
    }

    public AclErrorKind Kind { get; }

    /// <summary>The ACL file the error is about.</summary>
    public string SourcePath { get; }

    /// <summary>Why the file was refused, without the file or key prefix.</summary>
    public string Reason { get; }

    /// <summary>Dotted TOML key path of the offending value, e.g. <c>exec.allow[0].agent_id</c>; null for file-level errors.</summary>
    public string? KeyPath { get; }

    /// <summary>Zero-based index of the <c>[[exec.allow]]</c> entry involved, when there is one.</summary>
    public int? EntryIndex { get; }

    /// <summary>Zero-based index of the <c>[[exec.allow.commands]]</c> entry involved, when there is one.</summary>
    public int? CommandIndex { get; }

    /// <summary>One-based line of a TOML syntax error.</summary>
    public int? Line { get; }

    /// <summary>One-based column of a TOML syntax error.</summary>
    public int? Column { get; }

    private static string Compose(string sourcePath, string? keyPath, string reason, int? line, int? column)
    {
        var sb = new StringBuilder(sourcePath);
        if (line is int l)
        {
            sb.Append(CultureInfo.InvariantCulture, $":{l}");
            if (column is int c)
            {
                sb.Append(CultureInfo.InvariantCulture, $":{c}");
            }
        }

        sb.Append(": ");
        if (keyPath is not null)
        {
            sb.Append(keyPath).Append(": ");
        }

        // One line, always: a reason quoting user text must not break the error line.
        foreach (char ch in reason)
        {
            sb.Append(ch is '\n' or '\r' ? ' ' : ch);
        }

        return sb.ToString();
    }
}
