using Vigil.Formats.Parsers;
using static Vigil.Formats.Tests.TestData;

namespace Vigil.Formats.Tests.Parsers;

public sealed class XmlParserTests
{
    private readonly XmlParser _xml = new();

    [Fact]
    public void SniffIsStrongForDeclarationTextForElements()
    {
        Assert.Equal(SniffConfidence.Strong, _xml.Sniff(Utf8("  <?xml version=\"1.0\"?><a/>")));
        Assert.Equal(SniffConfidence.Text, _xml.Sniff(Utf8("<vulns><vuln/></vulns>")));
        Assert.Equal(SniffConfidence.Text, _xml.Sniff(Utf8("<_x/>")));
        Assert.Equal(SniffConfidence.None, _xml.Sniff(Utf8("<34>Oct 11 22:14:15 host app: msg")));
        Assert.Equal(SniffConfidence.Strong, _xml.Sniff(Real("xml-nmap/nmap-5.51-os-banner-scripts.xml")));
    }

    [Fact]
    public void SniffWinsNoOtherFormatsSample() => SniffCorpus.AssertClaimsNoOtherSample("xml", "xml-nmap/", "xml-windows-event/", "samples/xml-");

    [Theory]
    [InlineData("scan.xml")]
    [InlineData("scan.nessus")]
    public void ExtensionsResolveToXml(string name) => Assert.Equal("xml", FormatResolver.ByExtension(name)?.Id);

    [Fact]
    public void ReferenceVulnsPin()
    {
        var cols = Parse(_xml, "<vulns><vuln id=\"1\" severity=\"high\"><name>SQLi</name><port>443</port></vuln>"
            + "<vuln id=\"2\" severity=\"low\"><name>XSS</name><port> 80 </port></vuln>"
            + "<vuln id=\"3\" severity=\"high\"><name/><port>8443</port><refs><ref>a</ref></refs></vuln></vulns>");
        Assert.Equal(["id", "name", "port", "severity"], cols.Names());
        Assert.Equal([I(1), I(2), I(3)], cols.Col("id").Cells());
        Assert.Equal([S("SQLi"), S("XSS"), N], cols.Col("name").Cells());
        Assert.Equal([I(443), I(80), I(8443)], cols.Col("port").Cells());
    }

    [Fact]
    public void NothingRepeatsMeansTheRootIsTheRecord()
    {
        var cols = Parse(_xml, "<cfg mode=\"fast\"><mode>slow</mode><n>2</n></cfg>");
        Assert.Equal(S("slow"), cols.Col("mode")[0]);
        Assert.Equal(I(2), cols.Col("n")[0]);
    }

    [Fact]
    public void RealNmapPicksTheLargestRepeatedGroup()
    {
        var cols = _xml.Parse(Real("xml-nmap/nmap-5.51-os-banner-scripts.xml"));
        // The 9 <osclass> siblings of the first host are the largest group seen first.
        Assert.Equal(9, cols.Col("type").Length);
        Assert.Equal(S("WAP"), cols.Col("type")[0]);
        Assert.Equal(S("Netgear"), cols.Col("vendor")[0]);
        Assert.Equal(I(96), cols.Col("accuracy")[0]);
        Assert.Equal(N, cols.Col("osgen")[0]);
        Assert.Equal(S("2.6.X"), cols.Col("osgen")[1]);
    }

    [Fact]
    public void DtdsAreRefusedAndBadXmlNamesTheLine()
    {
        var dtd = Assert.Throws<FormatParseException>(() => Parse(_xml, "<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ENTITY x \"y\">]>\n<a>&x;</a>"));
        Assert.Equal("xml", dtd.Format);
        Assert.Equal(2, dtd.Line);
        Assert.Equal(3, Assert.Throws<FormatParseException>(() => Parse(_xml, "<a>\n<b>\n</a>")).Line);
    }
}
