using Vigil.Core.Columns;
using Vigil.Core.Roles;
using Vigil.Formats.Parsers;
using static Vigil.Formats.Tests.TestData;

namespace Vigil.Formats.Tests.Parsers;

public sealed class LeefParserTests
{
    private readonly LeefParser _leef = new();

    [Fact]
    public void SniffNeedsLeefAtTheStartOfTheFirstLine()
    {
        Assert.Equal(SniffConfidence.Strong, _leef.Sniff(Sample("leef-qradar.log")));
        Assert.Equal(SniffConfidence.None, _leef.Sniff(Utf8("CEF:0|a|b|c|d|e|5|")));
        Assert.Equal(SniffConfidence.None, _leef.Sniff(Utf8("x LEEF:1.0|a|b|c|d|")));
    }

    [Fact]
    public void SniffWinsNoOtherFormatsSample() => SniffCorpus.AssertClaimsNoOtherSample("leef", "samples/leef-");

    [Fact]
    public void ExtensionResolvesToLeef() => Assert.Equal("leef", FormatResolver.ByExtension("qradar.leef")?.Id);

    [Fact]
    public void SampleExactColumns()
    {
        var cols = _leef.Parse(Sample("leef-qradar.log"));
        Assert.Equal(
            ["dst", "eventId", "leefVersion", "product", "productVersion", "sev", "spt", "src", "usrName", "vendor", "msg", "proto"],
            cols.Names());
        Assert.Equal([S("1.0"), S("2.0"), S("1.0")], cols.Col("leefVersion").Cells());
        Assert.Equal([S("Microsoft"), S("Lancope"), S("Microsoft")], cols.Col("vendor").Cells());
        Assert.Equal([S("MSExchange"), S("StealthWatch"), S("MSExchange")], cols.Col("product").Cells());
        Assert.Equal([S("2016"), S("1.0"), S("2016")], cols.Col("productVersion").Cells());
        Assert.Equal([S("15345"), S("41"), S("15346")], cols.Col("eventId").Cells());
        Assert.Equal([S("10.50.1.1"), S("10.0.1.8"), S("10.50.1.2")], cols.Col("src").Cells());
        Assert.Equal([I(3), I(5), I(7)], cols.Col("sev").Cells());
        Assert.Equal([I(1200), N, I(1201)], cols.Col("spt").Cells());
        Assert.Equal([N, S("Host scan detected"), N], cols.Col("msg").Cells());
        Assert.Equal([N, N, S("tcp")], cols.Col("proto").Cells());
        Assert.Equal(ColumnRole.Categorical, cols.Col("eventId").RoleHint);
        Assert.Equal(ColumnType.Str, cols.Col("eventId").Type);
    }

    [Fact]
    public void Version2HexDelimiter()
    {
        var cols = Parse(_leef, "LEEF:2.0|V|P|1|E1|x7C|a=1|b=two|=skip|c\n");
        Assert.Equal(I(1), cols.Col("a")[0]);
        Assert.Equal(S("two"), cols.Col("b")[0]);
        Assert.DoesNotContain(cols, c => c.Name == "c" || c.Name == "");
    }

    [Fact]
    public void MalformedLinesFailNamingTheLine()
    {
        var e = Assert.Throws<FormatParseException>(() => Parse(_leef, "LEEF:1.0|a|b|c|d|k=v\nLEEF:1.0|a|b\n"));
        Assert.Equal("leef", e.Format);
        Assert.Equal(2, e.Line);
        Assert.Equal(1, Assert.Throws<FormatParseException>(() => Parse(_leef, "LEEF:2.0|a|b|c|d|xZZ|k=v\n")).Line);
    }
}
