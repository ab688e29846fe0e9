using System.Buffers;

namespace Vigil.Exec.Policy;

/// <summary>
/// The shell-metacharacter screen (reference x0x §3.6). It is applied to the raw request argv independently of the
/// allowlist, so even an ACL literal that contains one of these characters can never be matched.
/// </summary>
internal static class ShellMetachar
{
    /// <summary><c>; | &amp; &gt; &lt;</c>, backtick, <c>$</c>, newline and NUL. Nothing else (not \r, tab, space, quotes).</summary>
    public const string Characters = ";|&><`$\n\0";

    private static readonly SearchValues<char> Forbidden = SearchValues.Create(Characters);

    public static bool Contains(string token) => token.AsSpan().ContainsAny(Forbidden);

    public static bool AnyToken(IReadOnlyList<string> argv)
    {
        for (int i = 0; i < argv.Count; i++)
        {
            if (Contains(argv[i]))
            {
                return true;
            }
        }

        return false;
    }
}
