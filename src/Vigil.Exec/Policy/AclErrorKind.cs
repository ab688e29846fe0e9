namespace Vigil.Exec.Policy;

/// <summary>Which class of failure an <see cref="AclException"/> reports (reference x0x §3.2, §3.7).</summary>
public enum AclErrorKind
{
    /// <summary>An explicitly given ACL path does not exist.</summary>
    Missing,

    /// <summary>The file exists but cannot be read (permissions, a directory, not UTF-8, too large).</summary>
    Unreadable,

    /// <summary>TOML syntax, unknown key, wrong type or missing required key. Raised even when exec is disabled.</summary>
    Parse,

    /// <summary>Semantic validation of an enabled policy failed (caps, ids, commands, templates, digests).</summary>
    Invalid,
}
