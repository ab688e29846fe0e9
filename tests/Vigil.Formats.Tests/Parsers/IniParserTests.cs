using Vigil.Formats.Parsers;
using static Vigil.Formats.Tests.TestData;

namespace Vigil.Formats.Tests.Parsers;

public sealed class IniParserTests
{
    private readonly IniParser _ini = new();

    [Fact]
    public void SniffIsStrongWithSectionAndPairTextOtherwise()
    {
        Assert.Equal(SniffConfidence.Strong, _ini.Sniff(Utf8("; c\n[db]\nhost = localhost\n")));
        Assert.Equal(SniffConfidence.Text, _ini.Sniff(Utf8("a = 1\nnot a pair\n")));
        Assert.Equal(SniffConfidence.Text, _ini.Sniff(Utf8("[only]\n")));
        Assert.Equal(SniffConfidence.None, _ini.Sniff(Utf8("just words\n[x]\n")));
        Assert.Equal(SniffConfidence.None, _ini.Sniff([0x61, 0x3D, 0xFF]));
        Assert.Equal(SniffConfidence.Strong, _ini.Sniff(Sample("ini-agent.ini")));
    }

    /// <summary>
    /// INI's TEXT sniff claims any first line with ':' or '=' (reference §5.2), so it also wins text formats Vigil does not
    /// parse (ALB, BIND query log, Suricata fast.log, IIS W3C). Those then fail to parse, which the resolver reports as an
    /// unknown format when they fail to parse; every format Vigil does parse must be routed elsewhere.
    /// </summary>
    [Fact]
    public void SniffWinsNoOtherFormatsSample()
    {
        string[] unsupported = ["aws-elb/", "dns-query-log/bind-", "suricata/fast-log", "w3c-iis/"];
        SniffCorpus.AssertClaimsNoOtherSample("ini", ["ini/", "samples/ini-", .. unsupported]);
        foreach (var (_, bytes) in SniffCorpus.All().Where(s => unsupported.Any(u => s.Name.StartsWith(u, StringComparison.Ordinal))))
        {
            Assert.Equal(SniffConfidence.Text, _ini.Sniff(bytes));
        }
    }

    [Theory]
    [InlineData("agent.ini")]
    [InlineData("agent.cfg")]
    [InlineData("agent.conf")]
    public void ExtensionsResolveToIni(string name) => Assert.Equal("ini", FormatResolver.ByExtension(name)?.Id);

    [Fact]
    public void SampleIsOneRowWithSectionPrefixes()
    {
        var cols = _ini.Parse(Sample("ini-agent.ini"));
        Assert.Equal(
            ["database.host", "database.password", "database.port", "database.timeout", "limits.empty", "limits.enabled", "limits.ratio", "name"],
            cols.Names());
        Assert.All(cols, c => Assert.Equal(1, c.Length));
        Assert.Equal(S("edge-agent"), cols.Col("name")[0]);
        Assert.Equal(S("db.internal"), cols.Col("database.host")[0]);
        Assert.Equal(I(5432), cols.Col("database.port")[0]);
        Assert.Equal(I(30), cols.Col("database.timeout")[0]);
        Assert.Equal(S("12345"), cols.Col("database.password")[0]);
        Assert.Equal(F(0.75), cols.Col("limits.ratio")[0]);
        Assert.Equal(B(true), cols.Col("limits.enabled")[0]);
        Assert.Equal(N, cols.Col("limits.empty")[0]);
    }

    [Fact]
    public void ReferencePins()
    {
        var cols = Parse(_ini, "a = \"123\"\nb : bare\nc =\nd = x # not a comment\nd = last\n");
        Assert.Equal(S("123"), cols.Col("a")[0]);
        Assert.Equal(S("bare"), cols.Col("b")[0]);
        Assert.Equal(N, cols.Col("c")[0]);
        Assert.Equal(S("last"), cols.Col("d")[0]);
    }

    [Fact]
    public void OtherLinesFailNamingTheLine()
    {
        // A bare one-word key is a value-less entry now (see RealSamplesTests / IniRealWorldTests); several words are not.
        var e = Assert.Throws<FormatParseException>(() => Parse(_ini, "[s]\na = 1\nlonely words\n"));
        Assert.Equal("ini", e.Format);
        Assert.Equal(3, e.Line);
        Assert.Contains("malformed INI line: lonely words", e.Message, StringComparison.Ordinal);
    }
}
