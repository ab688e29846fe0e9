using Vigil.Exec.Policy;

namespace Vigil.Exec.Tests.Policy;

/// <summary>Token grammar and matching vectors (reference x0x §3.4-3.6, §12.1, §12.2).</summary>
public sealed class ArgvMatcherTests
{
    [Theory]
    [InlineData("1")]
    [InlineData("9")]
    [InlineData("12345")]
    [InlineData("999999")]
    public void Int_Accepts(string token) => Assert.True(ArgvMatcher.IsInt(token));

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("01")]
    [InlineData("1000000")]
    [InlineData("1e5")]
    [InlineData("1.0")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("")]
    [InlineData("5`a")]
    [InlineData("١٢")] // Arabic-Indic digits are digits to Unicode, not to <INT>.
    public void Int_Rejects(string token) => Assert.False(ArgvMatcher.IsInt(token));

    [Theory]
    [InlineData("/")]
    [InlineData("/health")]
    [InlineData("/foo/bar")]
    [InlineData("/foo_bar-1.2")]
    [InlineData("/foo/bar_1.2-3")]
    [InlineData("//x")]
    [InlineData("/a.b")]
    public void UrlPath_Accepts(string token) => Assert.True(ArgvMatcher.IsUrlPath(token));

    [Theory]
    [InlineData("")]
    [InlineData("health")]
    [InlineData("/..")]
    [InlineData("/a/../b")]
    [InlineData("/a..b")]
    [InlineData("/foo bar")]
    [InlineData("/foo;ls")]
    [InlineData("/a?b=c")]
    [InlineData("/a%20")]
    [InlineData("/a:b")]
    [InlineData("/~root")]
    [InlineData("/caf\u00e9")]
    public void UrlPath_Rejects(string token) => Assert.False(ArgvMatcher.IsUrlPath(token));

    [Fact]
    public void UrlPath_LengthLimitIs257IncludingSlash()
    {
        Assert.True(ArgvMatcher.IsUrlPath("/" + new string('a', 256)));
        Assert.False(ArgvMatcher.IsUrlPath("/" + new string('a', 257)));
    }

    [Theory]
    [InlineData("http://127.0.0.1:12600/health", true)]
    [InlineData("http://127.0.0.1:12600/", true)]
    [InlineData("http://127.0.0.1:12600", false)]
    [InlineData("http://127.0.0.1:126000/health", false)]
    [InlineData("http://127.0.0.1:12600/../etc", false)]
    [InlineData("http://127.0.0.1:12600/a?x=1", false)]
    public void PrefixedUrlPath(string token, bool expected)
    {
        Assert.True(ArgvToken.TryParse("http://127.0.0.1:12600<URL_PATH>", out ArgvToken pattern));
        Assert.Equal(ArgvTokenKind.LiteralWithUrlPathSuffix, pattern.Kind);
        Assert.Equal("http://127.0.0.1:12600", pattern.Text);
        Assert.Equal(expected, ArgvMatcher.TokenMatches(pattern, token));
    }

    [Theory]
    [InlineData("https://a/health", true)]
    [InlineData("https://a.evil/path", false)]
    [InlineData("https://a", false)]
    [InlineData("https://a/../etc", false)]
    public void PrefixedUrlPath_RejectsHostConfusion(string token, bool expected)
    {
        Assert.True(ArgvToken.TryParse("https://a<URL_PATH>", out ArgvToken pattern));
        Assert.Equal(expected, ArgvMatcher.TokenMatches(pattern, token));
    }

    [Theory]
    [InlineData("<INT>", "Int", "")]
    [InlineData("<URL_PATH>", "UrlPath", "")]
    [InlineData("x<URL_PATH>", "LiteralWithUrlPathSuffix", "x")]
    [InlineData("status", "Literal", "status")]
    [InlineData("", "Literal", "")]
    [InlineData("a b;c", "Literal", "a b;c")]
    public void TokenGrammar_Classifies(string element, string kind, string text)
    {
        Assert.True(ArgvToken.TryParse(element, out ArgvToken token));
        Assert.Equal(new ArgvToken(Enum.Parse<ArgvTokenKind>(kind), text), token);
    }

    [Theory]
    [InlineData("<ANY>")]
    [InlineData("<int>")]
    [InlineData("<url_path>")]
    [InlineData("x<INT>")]
    [InlineData("<INT>x")]
    [InlineData("a>b")]
    [InlineData("<")]
    [InlineData("<URL_PATH><URL_PATH>")]
    [InlineData("http://h<X><URL_PATH>")]
    public void TokenGrammar_RefusesUnknownTemplates(string element) => Assert.False(ArgvToken.TryParse(element, out _));

    [Fact]
    public void Literal_MatchesOnlyExactly()
    {
        ArgvToken[] pattern = [new(ArgvTokenKind.Literal, "echo"), new(ArgvTokenKind.Literal, "ok")];
        Assert.True(ArgvMatcher.Matches(pattern, ["echo", "ok"]));
        Assert.False(ArgvMatcher.Matches(pattern, ["echo", "ok", "x"]));
        Assert.False(ArgvMatcher.Matches(pattern, ["echop", "ok"]));
        Assert.False(ArgvMatcher.Matches(pattern, ["echo", "nope"]));
        Assert.False(ArgvMatcher.Matches(pattern, ["ECHO", "ok"]));
        Assert.False(ArgvMatcher.Matches(pattern, ["echo"]));
        Assert.False(ArgvMatcher.Matches(pattern, []));
    }

    [Theory]
    [InlineData("hello;ls", true)]
    [InlineData("$(id)", true)]
    [InlineData("a|b", true)]
    [InlineData("a&b", true)]
    [InlineData("a>b", true)]
    [InlineData("a<b", true)]
    [InlineData("`id`", true)]
    [InlineData("a\nb", true)]
    [InlineData("a\0b", true)]
    [InlineData("/safe/path-1.2", false)]
    [InlineData("a\rb", false)]
    [InlineData("a\tb", false)]
    [InlineData("a b 'c' \"d\" (e) * ? ~ ! {} \\ #", false)]
    public void ShellMetachar_DetectsExactlyTheReferenceSet(string token, bool expected) =>
        Assert.Equal(expected, ShellMetachar.Contains(token));
}
