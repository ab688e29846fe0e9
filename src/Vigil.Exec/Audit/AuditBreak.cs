namespace Vigil.Exec.Audit;

/// <summary>How the chain of an audit log is broken at its first bad <c>seq</c>.</summary>
public enum AuditBreak
{
    /// <summary>A line's bytes changed (content, seq or prev field), or it is no longer a valid record.</summary>
    Edited,

    /// <summary>A line that does not belong to the chain sits before the reported seq.</summary>
    Inserted,

    /// <summary>One or more lines starting at the reported seq are missing.</summary>
    Deleted,

    /// <summary>The line with the reported seq appears later in the file than it should.</summary>
    Reordered,

    /// <summary>The last line has no trailing newline (a torn or truncated write).</summary>
    TornLastLine,
}

/// <summary>Text forms of <see cref="AuditBreak"/>.</summary>
public static class AuditBreaks
{
    public static string ToText(this AuditBreak kind) => kind switch
    {
        AuditBreak.Edited => "edited",
        AuditBreak.Inserted => "inserted",
        AuditBreak.Deleted => "deleted",
        AuditBreak.Reordered => "reordered",
        AuditBreak.TornLastLine => "torn last line",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
