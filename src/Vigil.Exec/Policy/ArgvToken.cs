namespace Vigil.Exec.Policy;

/// <summary>One parsed ACL argv element. <see cref="Text"/> is the literal, or the prefix for a suffixed path.</summary>
internal readonly record struct ArgvToken(ArgvTokenKind Kind, string Text)
{
    public const string IntTemplate = "<INT>";
    public const string UrlPathTemplate = "<URL_PATH>";

    /// <summary>
    /// Classifies an ACL argv element in the reference's order. Anything else with <c>&lt;</c> or <c>&gt;</c> is an
    /// unknown template and refused, so a typo such as <c>&lt;int&gt;</c> never silently becomes a literal.
    /// </summary>
    public static bool TryParse(string element, out ArgvToken token)
    {
        if (element == IntTemplate)
        {
            token = new ArgvToken(ArgvTokenKind.Int, string.Empty);
            return true;
        }

        if (element == UrlPathTemplate)
        {
            token = new ArgvToken(ArgvTokenKind.UrlPath, string.Empty);
            return true;
        }

        if (element.EndsWith(UrlPathTemplate, StringComparison.Ordinal))
        {
            string prefix = element[..^UrlPathTemplate.Length];
            if (prefix.AsSpan().ContainsAny('<', '>'))
            {
                token = default;
                return false;
            }

            token = new ArgvToken(ArgvTokenKind.LiteralWithUrlPathSuffix, prefix);
            return true;
        }

        if (element.AsSpan().ContainsAny('<', '>'))
        {
            token = default;
            return false;
        }

        token = new ArgvToken(ArgvTokenKind.Literal, element);
        return true;
    }
}
