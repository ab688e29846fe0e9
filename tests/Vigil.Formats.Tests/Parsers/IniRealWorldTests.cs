using Vigil.Formats.Parsers;
using static Vigil.Formats.Tests.TestData;

namespace Vigil.Formats.Tests.Parsers;

/// <summary>What real INI-family files hold beyond the reference's grammar (configparser, git-config, systemd units).</summary>
public sealed class IniRealWorldTests
{
    private readonly IniParser _ini = new();

    [Fact]
    public void IndentedLinesContinueTheValueJoinedByNewline()
    {
        var cols = Parse(_ini, "[s]\nfiles =\n    a\n    b\nnext = 1\n");
        Assert.Equal(S("a\nb"), cols.Col("s.files")[0]);
        Assert.Equal(I(1), cols.Col("s.next")[0]);
    }

    [Fact]
    public void ContinuationNeedsDeeperIndentThanItsKey()
    {
        // git-config indents every key by a tab: siblings, not continuations.
        var cols = Parse(_ini, "[core]\n\tbare = false\n\tfilemode = true\n");
        Assert.Equal(B(false), cols.Col("core.bare")[0]);
        Assert.Equal(B(true), cols.Col("core.filemode")[0]);
    }

    [Fact]
    public void TrailingBackslashBeforeAnIndentedLineJoinsWithASpace()
    {
        // systemd: the backslash becomes a space and the next line is appended as written.
        var cols = Parse(_ini, "[Service]\nExecStart=/bin/x \\\n  --a \\\n\t--b\nRestart=no\n");
        Assert.Equal(S("/bin/x    --a  \t--b"), cols.Col("Service.ExecStart")[0]);
        Assert.Equal(S("no"), cols.Col("Service.Restart")[0]);
    }

    [Fact]
    public void TrailingBackslashBeforeAnUnindentedLineIsPartOfTheValue()
    {
        var cols = Parse(_ini, "[paths]\ninstall = C:\\App\\\nlogs = D:\\Logs\\\n");
        Assert.Equal(S("C:\\App\\"), cols.Col("paths.install")[0]);
        Assert.Equal(S("D:\\Logs\\"), cols.Col("paths.logs")[0]);
    }

    [Fact]
    public void ContinuedQuotedValueStaysVerbatim()
    {
        var cols = Parse(_ini, "a = \"1 \\\n  2\"\n");
        Assert.Equal(S("1    2"), cols.Col("a")[0]);
    }

    [Theory]
    [InlineData("2021-04-01 00:00:00 W3SVC1 GET / 80\n")]
    [InlineData("http 2022-12-06T17:03:52.115497Z app/x 1.2.3.4:5\n")]
    [InlineData("10/05/10-10:08:59.667372  [**] [1:2009187:4] ET x [**]\n")]
    public void LogLinesAreNotKeys(string line) =>
        Assert.Contains("malformed INI line", Assert.Throws<FormatParseException>(() => Parse(_ini, line)).Message, StringComparison.Ordinal);
}
