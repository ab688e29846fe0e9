using Vigil.Core.Columns;
using Vigil.Core.Roles;
using Vigil.Formats.Parsers;
using static Vigil.Formats.Tests.TestData;

namespace Vigil.Formats.Tests.Parsers;

/// <summary>
/// LEEF as QRadar sources send it over syslog: behind an RFC 3164 or RFC 5424 header (IBM QRadar DSM guide, "LEEF
/// event components": <c>&lt;13&gt;Jan 18 11:07:53 192.168.1.1</c>, <c>&lt;13&gt;1 2019-01-18T11:07:53.520Z 192.168.1.1</c>,
/// <c>&lt;133&gt;1 2019-01-18T11:07:53.520+07:00 myhostname</c>, then a space and <c>LEEF:</c>). Expected epochs are
/// worked out by hand in the comments.
/// </summary>
public sealed class LeefSyslogHeaderTests
{
    // IBM's LEEF 1.0 example: tab-separated attributes.
    private const string Rfc3164V1 =
        "<13>Jan 18 11:07:53 192.168.1.1 LEEF:1.0|Microsoft|MSExchange|4.0 SP1|15345|src=192.0.2.0\tdst=172.50.123.1\tsev=5\tcat=anomaly\tsrcPort=81\tdstPort=21\tusrName=joe.black";

    // IBM's LEEF 2.0 example with its '^' delimiter field, behind IBM's RFC 5424 header example (no app name).
    private const string Rfc5424V2 =
        "<13>1 2019-01-18T11:07:53.520Z 192.168.1.1 LEEF:2.0|Lancope|StealthWatch|1.0|41|^|src=192.0.2.0^dst=172.50.123.1^sev=5^cat=anomaly^srcPort=81^dstPort=21^usrName=joe.black";

    // A full RFC 5424 header (app name, nil procid/msgid/SD), as rsyslog forwards it.
    private const string Rfc5424WithApp =
        "<134>1 2024-01-15T10:22:33.250Z fw01.example.com ibmqradar - - - LEEF:2.0|IBM|QRadar|7.5.0|NewEvent|^|devTime=1705314153000^src=203.0.113.66^dst=192.0.2.30^sev=9^cat=IPS";

    private readonly LeefParser _leef = new();
    private readonly SyslogParser _syslog = new();
    private readonly CefParser _cef = new();

    // Jan 18 1970 11:07:53 UTC (BSD stamps are pinned to 1970 UTC): 17 days * 86400 + 11*3600 + 7*60 + 53 = 1508873.
    [Fact]
    public void Rfc3164HeaderGivesHostnameAndEpochAndTheQRadarFields()
    {
        var cols = Parse(_leef, Rfc3164V1 + "\n");
        Assert.Equal(
            ["cat", "dst", "dstPort", "eventId", "hostname", "leefVersion", "product", "productVersion", "sev", "src", "srcPort", "timestamp_epoch", "usrName", "vendor"],
            cols.Names());
        Assert.Equal([S("192.168.1.1")], cols.Col("hostname").Cells());
        Assert.Equal([F(1508873)], cols.Col("timestamp_epoch").Cells());
        Assert.Equal([S("1.0")], cols.Col("leefVersion").Cells());
        Assert.Equal([S("Microsoft")], cols.Col("vendor").Cells());
        Assert.Equal([S("MSExchange")], cols.Col("product").Cells());
        Assert.Equal([S("4.0 SP1")], cols.Col("productVersion").Cells());
        Assert.Equal([S("15345")], cols.Col("eventId").Cells());
        Assert.Equal([S("192.0.2.0")], cols.Col("src").Cells());
        Assert.Equal([S("172.50.123.1")], cols.Col("dst").Cells());
        Assert.Equal([I(5)], cols.Col("sev").Cells());
        Assert.Equal([S("anomaly")], cols.Col("cat").Cells());
        Assert.Equal([I(81)], cols.Col("srcPort").Cells());
        Assert.Equal([I(21)], cols.Col("dstPort").Cells());
        Assert.Equal([S("joe.black")], cols.Col("usrName").Cells());
        Assert.Equal(ColumnRole.Categorical, cols.Col("eventId").RoleHint);
    }

    // 2019-01-01 is 49*365 + 12 leap days (1972..2016) = 17897 days; + 17 = 17914 days = 1547769600 s;
    // 11:07:53 = 40073 s; .520 → 1547809673.52. With +07:00 the instant is 7 h earlier: 1547784473.52.
    [Fact]
    public void Rfc5424HeaderWithoutAppNameAndV2Delimiter()
    {
        var cols = Parse(_leef, Rfc5424V2 + "\n<133>1 2019-01-18T11:07:53.520+07:00 myhostname LEEF:1.0|Microsoft|MSExchange|4.0 SP1|15345|sev=3\n");
        Assert.Equal([S("192.168.1.1"), S("myhostname")], cols.Col("hostname").Cells());
        double[] epochs = cols.Col("timestamp_epoch").Cells().Select(v => v.AsFloat).ToArray();
        Assert.Equal(1547809673.52, epochs[0], 1e-6);
        Assert.Equal(1547784473.52, epochs[1], 1e-6);
        Assert.Equal([S("2.0"), S("1.0")], cols.Col("leefVersion").Cells());
        Assert.Equal([S("Lancope"), S("Microsoft")], cols.Col("vendor").Cells());
        Assert.Equal([S("41"), S("15345")], cols.Col("eventId").Cells());
        Assert.Equal([I(5), I(3)], cols.Col("sev").Cells());
        Assert.Equal([S("joe.black"), N], cols.Col("usrName").Cells());
        Assert.Equal([I(21), N], cols.Col("dstPort").Cells());
    }

    // 2024-01-01 is 54*365 + 13 leap days (1972..2020) = 19723 days; + 14 = 19737 days = 1705276800 s;
    // 10:22:33 = 37353 s; .250 → 1705314153.25 (exact in binary). devTime is the same instant in ms.
    [Fact]
    public void Rfc5424HeaderWithAppAndNilFields()
    {
        var cols = Parse(_leef, Rfc5424WithApp + "\n");
        Assert.Equal([S("fw01.example.com")], cols.Col("hostname").Cells());
        Assert.Equal([F(1705314153.25)], cols.Col("timestamp_epoch").Cells());
        Assert.Equal([I(1705314153000)], cols.Col("devTime").Cells());
        Assert.Equal([S("IBM")], cols.Col("vendor").Cells());
        Assert.Equal([S("7.5.0")], cols.Col("productVersion").Cells());
        Assert.Equal([S("NewEvent")], cols.Col("eventId").Cells());
        Assert.Equal([S("IPS")], cols.Col("cat").Cells());
        Assert.Equal([I(9)], cols.Col("sev").Cells());
        Assert.DoesNotContain("appname", cols.Names());
    }

    [Theory]
    [InlineData(Rfc3164V1)]
    [InlineData(Rfc5424V2)]
    [InlineData(Rfc5424WithApp)]
    [InlineData("Jan 18 11:07:53 myhostname LEEF:1.0|Microsoft|MSExchange|4.0 SP1|15345|sev=5")]
    public void HeaderedLeefResolvesToLeefNotSyslog(string line)
    {
        byte[] data = Utf8(line + "\n" + line + "\n");
        Assert.Equal(SniffConfidence.Strong, _leef.Sniff(data));
        Assert.Equal(SniffConfidence.None, _syslog.Sniff(data));
        Assert.Equal(SniffConfidence.None, _cef.Sniff(data));
        var rs = FormatResolver.Normalize("qradar-forward.log", data);
        Assert.Equal("leef", rs.Format);
        Assert.Equal(2, rs.Rows);
        Assert.NotNull(rs.Find("hostname"));
        Assert.NotNull(rs.Find("timestamp_epoch"));
    }

    [Fact]
    public void StdinWithoutExtensionAlsoResolvesToLeef() =>
        Assert.Equal("leef", FormatResolver.Normalize("-", Utf8(Rfc3164V1 + "\n")).Format);

    [Fact]
    public void BareAndHeaderedLinesMixAndBareRowsHaveNullHeaderColumns()
    {
        var cols = Parse(_leef, "LEEF:1.0|V|P|1|E1|sev=1\n" + Rfc3164V1 + "\n");
        Assert.Equal([N, S("192.168.1.1")], cols.Col("hostname").Cells());
        Assert.Equal([N, F(1508873)], cols.Col("timestamp_epoch").Cells());
        Assert.Equal([S("E1"), S("15345")], cols.Col("eventId").Cells());
    }

    [Fact]
    public void BareLeefHasNoHeaderColumns()
    {
        var cols = Parse(_leef, "LEEF:1.0|V|P|1|E1|sev=1\n");
        Assert.DoesNotContain("hostname", cols.Names());
        Assert.DoesNotContain("timestamp_epoch", cols.Names());
    }

    [Fact]
    public void AnAttributeNamedLikeAHeaderColumnWins()
    {
        var cols = Parse(_leef, "<13>Jan 18 11:07:53 relay01 LEEF:1.0|V|P|1|E1|hostname=origin01\tsev=2\n");
        Assert.Equal([S("origin01")], cols.Col("hostname").Cells());
        Assert.Equal([F(1508873)], cols.Col("timestamp_epoch").Cells());
    }

    [Fact]
    public void SpaceAfterTheMarkerIsAcceptedBehindAHeaderLikeCef()
    {
        var cols = Parse(_leef, "<13>Jan 18 11:07:53 host LEEF: 2.0|V|P|1|E1|^|a=1^b=2\n");
        Assert.Equal([S("2.0")], cols.Col("leefVersion").Cells());
        Assert.Equal([I(1)], cols.Col("a").Cells());
        Assert.Equal([I(2)], cols.Col("b").Cells());
    }

    [Fact]
    public void SyslogMessagesMentioningLeefStaySyslog()
    {
        Assert.Equal(SniffConfidence.Strong, _syslog.Sniff(Utf8("<34>Oct 11 22:14:15 host app: forwarded 12 LEEF:1.0 events\n")));
        Assert.Equal(SniffConfidence.None, _leef.Sniff(Utf8("<34>Oct 11 22:14:15 host app: forwarded 12 LEEF:1.0 events\n")));
        Assert.Equal(SniffConfidence.Strong, _syslog.Sniff(Utf8("<34>Oct 11 22:14:15 host app: xLEEF:1.0|a|b|c|d|\n")));
    }

    [Theory]
    [InlineData("hello LEEF:1.0|V|P|1|E1|sev=1\n")]
    [InlineData("Jan 18 11:07:53 host LEEF:x|V|P|1|E1|sev=1\n")]
    [InlineData("Jan 18 11:07:53 host LEEF:|V|P|1|E1|sev=1\n")]
    public void LeefInsideOtherTextIsNotClaimedAndFailsNamingTheLine(string line)
    {
        Assert.Equal(SniffConfidence.None, _leef.Sniff(Utf8(line)));
        var e = Assert.Throws<FormatParseException>(() => Parse(_leef, line));
        Assert.Equal("leef", e.Format);
        Assert.Equal(1, e.Line);
        Assert.Contains("expected a line starting with 'LEEF:'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShortHeaderBehindSyslogFailsNamingTheLine()
    {
        var e = Assert.Throws<FormatParseException>(() => Parse(_leef, Rfc3164V1 + "\n\n<13>Jan 18 11:07:54 192.168.1.1 LEEF:1.0|Microsoft|MSExchange\n"));
        Assert.Equal("leef", e.Format);
        Assert.Equal(3, e.Line);
        Assert.Contains("malformed LEEF header", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadV2DelimiterBehindSyslogFailsNamingTheLine()
    {
        var e = Assert.Throws<FormatParseException>(() => Parse(_leef, Rfc5424V2 + "\n" + Rfc5424WithApp + "\n<13>1 2019-01-18T11:07:53.520Z h LEEF:2.0|V|P|1|E|xZZ|a=1\n"));
        Assert.Equal(3, e.Line);
        Assert.Contains("invalid LEEF 2.0 delimiter 'xZZ'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALaterNonLeefLineAbortsTheParseNamingIt()
    {
        var e = Assert.Throws<FormatParseException>(() => Parse(_leef, Rfc3164V1 + "\n<13>Jan 18 11:07:54 192.168.1.1 sshd[42]: Accepted publickey\n"));
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void CefBehindAHeaderStillResolvesToCef()
    {
        var rs = FormatResolver.Normalize("fw.log", Utf8("<134>Jan  1 00:00:10 fw1 CEF:0|V|P|1|sig|Name|5|src=10.0.0.1\n"));
        Assert.Equal("cef", rs.Format);
        Assert.Equal(SniffConfidence.None, _leef.Sniff(Utf8("<134>Jan  1 00:00:10 fw1 CEF:0|V|P|1|sig|Name|5|src=10.0.0.1\n")));
    }
}
