using System.Globalization;
using CsCheck;
using Vigil.Core.Columns;
using Vigil.Core.Values;
using Vigil.Formats.Parsers;
using static Vigil.Formats.Tests.TestData;

namespace Vigil.Formats.Tests.Parsers;

public sealed class SyslogParserTests
{
    private readonly SyslogParser _syslog = new();

    [Fact]
    public void SniffClaimsPriOrTimestampHostAndApp()
    {
        Assert.Equal(SniffConfidence.Strong, _syslog.Sniff(Utf8("<34>garbage")));
        Assert.Equal(SniffConfidence.Strong, _syslog.Sniff(Utf8("\n\nJan  1 00:00:00 host dnsmasq[1]: query[A] x from 1.2.3.4\n")));
        // No hostname: the dnsmasq line is not syslog (reference §5.2 interplay).
        Assert.Equal(SniffConfidence.None, _syslog.Sniff(Utf8("Jan  1 00:00:00 dnsmasq[1]: query[A] x from 1.2.3.4\n")));
        Assert.Equal(SniffConfidence.None, _syslog.Sniff(Utf8("<192>too high")));
        Assert.Equal(SniffConfidence.None, _syslog.Sniff([0x3C, 0x33, 0x3E, 0xFF]));
        Assert.Equal(SniffConfidence.Strong, _syslog.Sniff(Real("syslog/rfc3164/sshd-auth.log")));
        Assert.Equal(SniffConfidence.Strong, _syslog.Sniff(Real("syslog/rfc5424/rsyslog-ubuntu-rfc5424.log")));
        Assert.Equal(SniffConfidence.Strong, _syslog.Sniff(Real("syslog/rfc3339-file/rsyslog-default-file-format.log")));
    }

    [Fact]
    public void SniffWinsNoOtherFormatsSample() =>
        // CEF forwarded with a syslog header is syslog by the reference's registration order; a Kubernetes CRI line
        // (RFC 3339 stamp, "stdout", "P") also reads as timestamp + host + app, as it does for the reference's loose sniff.
        SniffCorpus.AssertClaimsNoOtherSample("syslog", "syslog/", "samples/syslog-", "cef/barracuda", "cef/fortiweb", "container/kubernetes-cri");

    [Fact]
    public void ExtensionResolvesToSyslog() => Assert.Equal("syslog", FormatResolver.ByExtension("auth.syslog")?.Id);

    [Fact]
    public void MixedSampleExactColumns()
    {
        var cols = _syslog.Parse(Sample("syslog-mixed.log"));
        Assert.Equal(
            ["appname", "facility", "hostname", "message", "procid", "protocol", "severity", "timestamp", "timestamp_epoch",
             "msgid", "sd.exampleSDID@32473.eventID", "sd.exampleSDID@32473.eventSource", "sd.exampleSDID@32473.iut"],
            cols.Names());
        Assert.Equal([I(4), I(20), I(1), N], cols.Col("facility").Cells());
        Assert.Equal([I(2), I(5), I(5), N], cols.Col("severity").Cells());
        Assert.Equal([S("RFC3164"), S("RFC5424"), S("RFC5424"), S("RFC3164")], cols.Col("protocol").Cells());
        Assert.Equal(
            [S("1970-10-11 22:14:15 +00:00"), S("2003-10-11 22:14:15.003 +00:00"), S("2024-02-29 12:00:00 +02:00"), S("1970-03-06 04:07:23 +00:00")],
            cols.Col("timestamp").Cells());
        Assert.Equal([F(24531255), F(1065910455.003), F(1709200800), F(5544443)], cols.Col("timestamp_epoch").Cells());
        Assert.Equal([S("mymachine"), S("mymachine.example.com"), S("web-01"), S("web-01")], cols.Col("hostname").Cells());
        Assert.Equal([S("su"), S("evntslog"), S("nginx"), S("CRON")], cols.Col("appname").Cells());
        Assert.Equal([I(567), I(1234), N, I(18786)], cols.Col("procid").Cells());
        Assert.Equal([N, S("ID47"), N, N], cols.Col("msgid").Cells());
        Assert.Equal([N, S("3"), N, N], cols.Col("sd.exampleSDID@32473.iut").Cells());
        Assert.Equal([N, S("1011"), N, N], cols.Col("sd.exampleSDID@32473.eventID").Cells());
        Assert.Equal(
            [S("'su root' failed for lonvick on /dev/pts/8"), S("An application event log entry"), S("upstream timed out"), S("(CRON) INFO (pidfile fd = 3)")],
            cols.Col("message").Cells());
        Assert.Equal(ColumnType.Float, cols.Col("timestamp_epoch").Type);
    }

    [Fact]
    public void Rfc5424FieldsRoundTrip()
    {
        var token = Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-"].Array[1, 20].Select(c => new string(c));
        var message = Gen.Char["abc xyz:[]=\"0123"].Array[0, 40].Select(c => new string(c).Trim());
        Gen.Select(Gen.Int[0, 191], Gen.Long[0, 4_000_000_000L], Gen.Int[0, 999], token, token, Gen.Int[-1, 99999], message)
            .Sample((pri, seconds, ms, host, app, pid, msg) =>
            {
                DateTimeOffset t = DateTimeOffset.FromUnixTimeSeconds(seconds).AddMilliseconds(ms);
                string stamp = t.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
                string procid = pid < 0 ? "-" : pid.ToString(CultureInfo.InvariantCulture);
                var cols = Parse(_syslog, $"<{pri}>1 {stamp} {host} {app} {procid} - - {msg}\n");
                Assert.Equal(I(pri / 8), cols.Col("facility")[0]);
                Assert.Equal(I(pri % 8), cols.Col("severity")[0]);
                string expected = t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + (ms == 0 ? "" : "." + ms.ToString("000", CultureInfo.InvariantCulture)) + " +00:00";
                Assert.Equal(S(expected), cols.Col("timestamp")[0]);
                Assert.Equal(F(seconds + (ms / 1000.0)), cols.Col("timestamp_epoch")[0]);
                // "-" is the RFC 5424 nil value: the field is absent, so in a one-row table there is no column at all.
                Value Cell(string name) => cols.Names().Contains(name) ? cols.Col(name)[0] : N;
                Assert.Equal(host == "-" ? N : S(host), Cell("hostname"));
                Assert.Equal(app == "-" ? N : S(app), Cell("appname"));
                Assert.Equal(pid < 0 ? N : I(pid), Cell("procid"));
                Assert.Equal(S(msg), cols.Col("message")[0]);
            }, iter: 300, threads: 1);
    }

    [Fact]
    public void RealRfc5424File()
    {
        var cols = _syslog.Parse(Real("syslog/rfc5424/rsyslog-ubuntu-rfc5424.log"));
        Assert.Equal(7, cols.Col("message").Length);
        // <46>1 2020-03-02T19:37:57.819303+01:00 parallels-Parallels-Virtual-Platform rsyslogd - - -   [origin ...] start
        Assert.Equal(I(5), cols.Col("facility")[0]);
        Assert.Equal(I(6), cols.Col("severity")[0]);
        Assert.Equal(S("2020-03-02 19:37:57.819303 +01:00"), cols.Col("timestamp")[0]);
        Assert.Equal(F(1583174277.819303), cols.Col("timestamp_epoch")[0]);
        Assert.Equal(S("parallels-Parallels-Virtual-Platform"), cols.Col("hostname")[0]);
        Assert.Equal(S("rsyslogd"), cols.Col("appname")[0]);
        Assert.Equal(N, cols.Col("procid")[0]);
        Assert.Equal(S("[origin software=\"rsyslogd\" swVersion=\"8.32.0\" x-pid=\"20134\" x-info=\"http://www.rsyslog.com\"] start"), cols.Col("message")[0]);
        // <85>1 ... polkitd(authority=local) - - -  Unregistered ...
        Assert.Equal(I(10), cols.Col("facility")[1]);
        Assert.Equal(I(5), cols.Col("severity")[1]);
        Assert.Equal(S("polkitd(authority=local)"), cols.Col("appname")[1]);
    }

    [Fact]
    public void RealBsdSshdFile()
    {
        var cols = _syslog.Parse(Real("syslog/rfc3164/sshd-auth.log"));
        Assert.Equal(9, cols.Col("message").Length);
        Assert.DoesNotContain(cols, c => c.Name == "facility");
        // Mar 11 19:26:39 osx-machine sshd[3]:  Accepted publickey for plaso from 192.168.0.1 port 59229 ssh2: RSA 00:aa:...
        Assert.Equal(S("1970-03-11 19:26:39 +00:00"), cols.Col("timestamp")[1]);
        Assert.Equal(F(6031599), cols.Col("timestamp_epoch")[1]);
        Assert.Equal(S("osx-machine"), cols.Col("hostname")[1]);
        Assert.Equal(S("sshd"), cols.Col("appname")[1]);
        Assert.Equal(I(3), cols.Col("procid")[1]);
        Assert.Equal(S("Accepted publickey for plaso from 192.168.0.1 port 59229 ssh2: RSA 00:aa:bb:cc:dd:ee:ff:11:22:33:44:55:66:77:88:99"), cols.Col("message")[1]);
    }

    [Fact]
    public void BsdStampIsPinnedTo1970SoFebruary29IsNoDate()
    {
        var e = Assert.Throws<FormatParseException>(() => Parse(_syslog, "Feb 28 01:15:43 h app: ok\nFeb 29 01:15:43 h app: leap\n"));
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void RepeatedStructuredDataKeyKeepsLastValue()
    {
        var cols = Parse(_syslog, "<14>1 2003-10-11T22:14:15Z h a - - [x@1 k=\"1\" k=\"a\\\"b\\]\"] m\n");
        Assert.Equal(S("a\"b]"), cols.Col("sd.x@1.k")[0]);
        Assert.Equal(S("m"), cols.Col("message")[0]);
    }

    [Fact]
    public void LineWithoutPriOrTimestampFailsNamingTheLine()
    {
        var e = Assert.Throws<FormatParseException>(() => Parse(_syslog, "<34>Oct 11 22:14:15 a b: ok\n\nnot a syslog line\n"));
        Assert.Equal("syslog", e.Format);
        Assert.Equal(3, e.Line);
        Assert.Contains("no <PRI> header", e.Message, StringComparison.Ordinal);
        // The rsyslog protocol-23 sample has a continuation line ("with another line") at line 3.
        Assert.Equal(3, Assert.Throws<FormatParseException>(() => _syslog.Parse(Real("syslog/rfc5424/rsyslog-syslogprotocol23-multiline.log"))).Line);
    }

    [Fact]
    public void InvalidUtf8IsAParseError()
    {
        var e = Assert.Throws<FormatParseException>(() => _syslog.Parse(new byte[] { 0x3C, 0x33, 0x3E, 0x61, 0x0A, 0xC3, 0x28 }));
        Assert.Equal(2, e.Line);
    }
}
