namespace Vigil.Exec.Policy;

/// <summary>How one ACL argv element matches a request token (reference x0x §3.4).</summary>
internal enum ArgvTokenKind
{
    /// <summary>Byte-exact string equality.</summary>
    Literal,

    /// <summary><c>&lt;INT&gt;</c>: 1..999999, no sign, no leading zero.</summary>
    Int,

    /// <summary><c>&lt;URL_PATH&gt;</c>: a safe absolute path of at most 257 ASCII characters.</summary>
    UrlPath,

    /// <summary><c>prefix&lt;URL_PATH&gt;</c>: the literal prefix followed by a safe path.</summary>
    LiteralWithUrlPathSuffix,
}
