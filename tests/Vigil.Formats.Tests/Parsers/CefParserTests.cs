using Vigil.Core.Columns;
using Vigil.Core.Roles;
using Vigil.Formats.Parsers;
using static Vigil.Formats.Tests.TestData;

namespace Vigil.Formats.Tests.Parsers;

public sealed class CefParserTests
{
    private readonly CefParser _cef = new();

    [Fact]
    public void SniffNeedsCefAtTheStartOfTheFirstLine()
    {
        Assert.Equal(SniffConfidence.Strong, _cef.Sniff(Utf8("\n\nCEF:0|a|b|c|d|e|5|k=v")));
        Assert.Equal(SniffConfidence.None, _cef.Sniff(Utf8(" CEF:0|a|b|c|d|e|5|k=v")));
        Assert.Equal(SniffConfidence.None, _cef.Sniff(Utf8("LEEF:1.0|a|b|c|d|")));
        Assert.Equal(SniffConfidence.Strong, _cef.Sniff(Real("cef/withsecure-edr-cef-bare.log")));
    }

    [Fact]
    public void SniffWinsNoOtherFormatsSample() => SniffCorpus.AssertClaimsNoOtherSample("cef", "cef/", "samples/cef-");

    [Fact]
    public void ExtensionResolvesToCef() => Assert.Equal("cef", FormatResolver.ByExtension("fw.cef")?.Id);

    [Fact]
    public void HeaderEscapesAndExtensionValues()
    {
        var cols = Parse(_cef, "CEF:0|Se\\|cur|threat\\\\mgr|1.0|100|worm successfully stopped|10|src=10.0.0.1 dst=2.1.2.2 spt=1232 msg=line1\\nline2 \\= eq cs1Label=Rule Name cs1=Block all\n"
            + "CEF:0|Security|threatmanager|1.0|101|scan|Low|src=10.0.0.2\n");
        Assert.Equal(["cefVersion", "cs1", "cs1Label", "deviceProduct", "deviceVendor", "deviceVersion", "dst", "msg", "name", "severity", "signatureId", "spt", "src"], cols.Names());
        Assert.Equal([S("0"), S("0")], cols.Col("cefVersion").Cells());
        Assert.Equal([S("Se|cur"), S("Security")], cols.Col("deviceVendor").Cells());
        Assert.Equal([S("threat\\mgr"), S("threatmanager")], cols.Col("deviceProduct").Cells());
        Assert.Equal([S("100"), S("101")], cols.Col("signatureId").Cells());
        Assert.Equal([I(10), S("Low")], cols.Col("severity").Cells());
        Assert.Equal([I(1232), N], cols.Col("spt").Cells());
        Assert.Equal([S("line1\nline2 = eq"), N], cols.Col("msg").Cells());
        Assert.Equal([S("Rule Name"), N], cols.Col("cs1Label").Cells());
        Assert.Equal([S("Block all"), N], cols.Col("cs1").Cells());
        Assert.Equal([S("10.0.0.1"), S("10.0.0.2")], cols.Col("src").Cells());
    }

    [Fact]
    public void SignatureIdIsACategoricalString()
    {
        Column sig = Parse(_cef, "CEF:0|v|p|1|4624|logon|3|\nCEF:0|v|p|1|4625|fail|3|\n").Col("signatureId");
        Assert.Equal(ColumnType.Str, sig.Type);
        Assert.Equal(ColumnRole.Categorical, sig.RoleHint);
    }

    [Fact]
    public void RealWithSecureFile()
    {
        var cols = _cef.Parse(Real("cef/withsecure-edr-cef-bare.log"));
        Assert.Equal(6, cols.Col("signatureId").Length);
        // CEF:0|F-Secure|Computer Protection Premium and EDR||webTrafficScanning.blocked|Web Traffic Scanning event|4|msg=The web page ... cs1=... cs2=chrome.exe accountName=some-comp details_alertType=web_traffic_scanning.content_type.block ...
        Assert.Equal(S("F-Secure"), cols.Col("deviceVendor")[0]);
        Assert.Equal(S(""), cols.Col("deviceVersion")[0]);
        Assert.Equal(S("webTrafficScanning.blocked"), cols.Col("signatureId")[0]);
        Assert.Equal(I(4), cols.Col("severity")[0]);
        Assert.Equal(S("chrome.exe"), cols.Col("cs2")[0]);
        Assert.Equal(S("some-comp"), cols.Col("accountName")[0]);
        Assert.Equal(S("web_traffic_scanning.content_type.block"), cols.Col("details_alertType")[0]);
        Assert.Equal(I(1661507240000), cols.Col("details_clientTimestamp")[0]);
    }

    [Fact]
    public void MalformedLinesFailNamingTheLine()
    {
        var e = Assert.Throws<FormatParseException>(() => Parse(_cef, "CEF:0|a|b|c|d|e|5|\nCEF:0|a|b|c\n"));
        Assert.Equal("cef", e.Format);
        Assert.Equal(2, e.Line);
        // A syslog header before "CEF:" is accepted now (CefSyslogHeaderTests); other leading text is not.
        Assert.Equal(3, Assert.Throws<FormatParseException>(() => Parse(_cef, "CEF:0|a|b|c|d|e|5|\n\nhost says CEF:0|a|b|c|d|e|5|\n")).Line);
    }
}
