using Vigil.Core.Columns;
using Vigil.Formats.Parsers;
using static Vigil.Formats.Tests.TestData;

namespace Vigil.Formats.Tests.Parsers;

public sealed class AccessLogParserTests
{
    private readonly AccessLogParser _log = new();

    [Fact]
    public void SniffNeedsStatusAndBytesTokens()
    {
        Assert.Equal(SniffConfidence.Strong, _log.Sniff(Utf8("1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 2326\n")));
        Assert.Equal(SniffConfidence.Strong, _log.Sniff(Utf8("1.2.3.4 - - [x] \"-\" 408 -\n")));
        Assert.Equal(SniffConfidence.None, _log.Sniff(Utf8("1.2.3.4 - - [x] \"GET /\" 700 1\n")));
        Assert.Equal(SniffConfidence.None, _log.Sniff(Utf8("1.2.3.4 - - [x] \"GET /\" 200 -5\n")));
        Assert.Equal(SniffConfidence.None, _log.Sniff(Utf8("no brackets \"q\" 200 1 a b c\n")));
        foreach (string f in new[] { "apache-combined-semicomplete-2015.log", "apache-common-and-combined-mixed.log", "apache-common-darwin-2.4.23.log", "nginx-combined-beats.log" })
        {
            Assert.Equal(SniffConfidence.Strong, _log.Sniff(Real("web-access/" + f)));
        }
    }

    [Fact]
    public void SniffWinsNoOtherFormatsSample() => SniffCorpus.AssertClaimsNoOtherSample("accesslog", "web-access/", "samples/accesslog-");

    [Fact]
    public void ExtensionResolvesToAccessLog() => Assert.Equal("accesslog", FormatResolver.ByExtension("site.accesslog")?.Id);

    [Fact]
    public void RealDarwinFileExactColumns()
    {
        var cols = _log.Parse(Real("web-access/apache-common-darwin-2.4.23.log"));
        // ident and user are "-" on every line, so they never become columns.
        Assert.Equal(["bytes", "host", "method", "path", "protocol", "status", "time", "time_epoch"], cols.Names());
        // ::1 - - [26/Dec/2016:16:16:28 +0200] "GET / HTTP/1.1" 200 45
        Assert.Equal(S("::1"), cols.Col("host")[0]);
        Assert.Equal(S("26/Dec/2016:16:16:28 +0200"), cols.Col("time")[0]);
        Assert.Equal(S("GET"), cols.Col("method")[0]);
        Assert.Equal(S("/"), cols.Col("path")[0]);
        Assert.Equal(S("HTTP/1.1"), cols.Col("protocol")[0]);
        Assert.Equal(I(200), cols.Col("status")[0]);
        Assert.Equal(I(45), cols.Col("bytes")[0]);
        // ::1 - - [26/Dec/2016:16:16:48 +0200] "-" 408 -
        Assert.Equal(F(1482761808), cols.Col("time_epoch")[2]);
        Assert.Equal(N, cols.Col("method")[2]);
        Assert.Equal(N, cols.Col("path")[2]);
        Assert.Equal(I(408), cols.Col("status")[2]);
        Assert.Equal(N, cols.Col("bytes")[2]);
        Assert.Equal(ColumnType.Float, cols.Col("time_epoch").Type);
    }

    [Fact]
    public void RealCombinedFileHasRefererAndAgent()
    {
        var cols = _log.Parse(Real("web-access/apache-combined-semicomplete-2015.log"));
        Assert.Equal(600, cols.Col("host").Length);
        // 83.149.9.216 - - [17/May/2015:10:05:03 +0000] "GET /presentations/logstash-monitorama-2013/images/kibana-search.png HTTP/1.1" 200 203023 "http://semicomplete.com/presentations/logstash-monitorama-2013/" "Mozilla/5.0 ...
        Assert.Equal(F(1431857103), cols.Col("time_epoch")[0]);
        Assert.Equal(I(203023), cols.Col("bytes")[0]);
        Assert.Equal(S("/presentations/logstash-monitorama-2013/images/kibana-search.png"), cols.Col("path")[0]);
        Assert.Equal(S("http://semicomplete.com/presentations/logstash-monitorama-2013/"), cols.Col("referer")[0]);
        Assert.StartsWith("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_1)", cols.Col("user_agent")[0].AsString, StringComparison.Ordinal);
    }

    [Fact]
    public void QuotedEscapesAreRemoved()
    {
        var cols = Parse(_log, "h - bob [01/Jan/1970:00:00:10 +0000] \"GET /a\\\"b HTTP/1.0\" 404 0 \"-\" \"x \\\"y\\\"\"\n");
        Assert.Equal(S("/a\"b"), cols.Col("path")[0]);
        Assert.Equal(S("bob"), cols.Col("user")[0]);
        Assert.DoesNotContain(cols, c => c.Name == "referer");
        Assert.Equal(S("x \"y\""), cols.Col("user_agent")[0]);
        Assert.Equal(F(10), cols.Col("time_epoch")[0]);
    }

    [Fact]
    public void ShortLineFailsNamingTheLine()
    {
        var e = Assert.Throws<FormatParseException>(() => Parse(_log, "h - - [t] \"GET /\" 200 1\nh - - [t] \"GET /\"\n"));
        Assert.Equal("accesslog", e.Format);
        Assert.Equal(2, e.Line);
        Assert.Contains("expected >= 7 fields, got 5", e.Message, StringComparison.Ordinal);
    }
}
