namespace Vigil.Exec.Policy;

/// <summary>Matches a request argv against one ACL command (reference x0x §3.5): same length, every position matches.</summary>
internal static class ArgvMatcher
{
    /// <summary>Byte length limit of a <c>&lt;URL_PATH&gt;</c> token, leading slash included.</summary>
    public const int MaxUrlPathLength = 257;

    /// <summary>Maximum digits of an <c>&lt;INT&gt;</c> token (1..999999).</summary>
    public const int MaxIntDigits = 6;

    public static bool Matches(IReadOnlyList<ArgvToken> pattern, IReadOnlyList<string> argv)
    {
        if (argv.Count == 0 || argv.Count != pattern.Count)
        {
            return false;
        }

        for (int i = 0; i < pattern.Count; i++)
        {
            if (!TokenMatches(pattern[i], argv[i]))
            {
                return false;
            }
        }

        return true;
    }

    public static bool TokenMatches(ArgvToken pattern, string token) => pattern.Kind switch
    {
        ArgvTokenKind.Literal => string.Equals(pattern.Text, token, StringComparison.Ordinal),
        ArgvTokenKind.Int => IsInt(token),
        ArgvTokenKind.UrlPath => IsUrlPath(token),
        ArgvTokenKind.LiteralWithUrlPathSuffix =>
            token.StartsWith(pattern.Text, StringComparison.Ordinal) && IsUrlPath(token.AsSpan(pattern.Text.Length)),
        _ => false,
    };

    /// <summary>1 to 6 ASCII digits, the first not <c>0</c>.</summary>
    public static bool IsInt(ReadOnlySpan<char> token)
    {
        if (token.Length is 0 or > MaxIntDigits || token[0] == '0')
        {
            return false;
        }

        foreach (char c in token)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Starts with <c>/</c>, at most 257 characters of <c>[A-Za-z0-9/_.-]</c>, and no <c>..</c> anywhere.
    /// Every allowed character is ASCII, so the character count is the byte count.
    /// </summary>
    public static bool IsUrlPath(ReadOnlySpan<char> token)
    {
        if (token.Length is 0 or > MaxUrlPathLength || token[0] != '/')
        {
            return false;
        }

        foreach (char c in token)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '.' or '-'))
            {
                return false;
            }
        }

        return !token.Contains("..", StringComparison.Ordinal);
    }
}
