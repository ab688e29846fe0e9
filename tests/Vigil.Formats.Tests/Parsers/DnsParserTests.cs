using Vigil.Core.Columns;
using Vigil.Formats.Parsers;
using static Vigil.Formats.Tests.TestData;

namespace Vigil.Formats.Tests.Parsers;

public sealed class DnsParserTests
{
    private readonly DnsParser _dns = new();

    [Theory]
    [InlineData("", 0.0)]
    [InlineData("aaaa", 0.0)]
    [InlineData("ab", 1.0)]
    [InlineData("aabb", 1.0)]
    [InlineData("abcd", 2.0)]
    public void EntropyPins(string name, double bits) => Assert.Equal(bits, DnsParser.Entropy(name), 12);

    [Fact]
    public void ReferenceLinesAndEpochs()
    {
        string log = "Jan  1 00:00:00 dnsmasq[1]: query[A] example.com from 10.0.0.5\n"
            + "Jan  1 00:00:03 dnsmasq[1]: forwarded example.com to 8.8.8.8\n"
            + "Jan  1 00:00:05 dnsmasq[1]: query[AAAA] abcd from 10.0.0.6 \n";
        var cols = Parse(_dns, log);
        Assert.Equal(["client", "qname", "qname_entropy", "qname_length", "qtype", "timestamp", "timestamp_epoch"], cols.Names());
        Assert.Equal([I(0), I(5)], cols.Col("timestamp_epoch").Cells());
        Assert.Equal([I(11), I(4)], cols.Col("qname_length").Cells());
        Assert.Equal(F(2.0), cols.Col("qname_entropy")[1]);
        Assert.Equal([S("A"), S("AAAA")], cols.Col("qtype").Cells());
        Assert.Equal([S("10.0.0.5"), S("10.0.0.6")], cols.Col("client").Cells());
        Assert.Equal(S("Jan  1 00:00:00"), cols.Col("timestamp")[0]);
    }

    [Fact]
    public void RealDnsmasqExtraLog()
    {
        var cols = _dns.Parse(Real("dns-query-log/dnsmasq-2.90-log-queries-extra-replayed-m57-names.log"));
        Assert.Equal(23, cols[0].Length);
        Assert.Equal(S("mail.m57.biz"), cols.Col("qname")[0]);
        Assert.Equal(I(12), cols.Col("qname_length")[0]);
        Assert.Equal(S("127.0.0.1"), cols.Col("client")[0]);
        // Nov 23 15:23:45 in 1970: day 326 of the year (0-based) → 326*86400 + 15*3600 + 23*60 + 45.
        Assert.Equal(I((326L * 86400) + (15 * 3600) + (23 * 60) + 45), cols.Col("timestamp_epoch")[0]);
        Assert.Equal(ColumnType.Float, cols.Col("qname_entropy").Type);
    }

    [Fact]
    public void NoQueryLinesIsAParseError()
    {
        var e = Assert.Throws<FormatParseException>(() => Parse(_dns, "Jan  1 00:00:00 dnsmasq[1]: started\n"));
        Assert.Equal("dns", e.Format);
        Assert.Contains("no DNS query lines found", e.Message);
    }

    [Fact]
    public void Sniff()
    {
        Assert.Equal(SniffConfidence.Strong, _dns.Sniff(Real("dns-query-log/dnsmasq-2.90-log-queries-extra-replayed-m57-names.log")));
        Assert.Equal(SniffConfidence.None, _dns.Sniff(Utf8("x query[a] b from c\n")));
        Assert.Equal(SniffConfidence.None, _dns.Sniff(Real("dns-query-log/bind-9.18-querylog-replayed-m57-names.log")));
    }
}
