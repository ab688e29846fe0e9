using Vigil.Formats.Parsers;
using static Vigil.Formats.Tests.TestData;

namespace Vigil.Formats.Tests.Parsers;

/// <summary>CEF as devices deliver it: behind an RFC 3164/5424 header.</summary>
public sealed class CefSyslogHeaderTests
{
    private readonly CefParser _cef = new();
    private readonly SyslogParser _syslog = new();

    [Theory]
    [InlineData("<134>Jan  1 00:00:10 fw1 CEF:0|V|P|1|sig|Name|5|src=10.0.0.1\n")]
    [InlineData("Jan  1 00:00:10 fw1 CEF: 0|V|P|1|sig|Name|5|src=10.0.0.1\n")]
    [InlineData("<134>1 1970-01-01T00:00:10Z fw1 app - - - CEF:0|V|P|1|sig|Name|5|src=10.0.0.1\n")]
    public void HeaderedLineIsCefNotSyslog(string line)
    {
        Assert.Equal(SniffConfidence.Strong, _cef.Sniff(Utf8(line)));
        Assert.Equal(SniffConfidence.None, _syslog.Sniff(Utf8(line)));
        var rs = FormatResolver.Normalize("fw.log", Utf8(line));
        Assert.Equal("cef", rs.Format);
        Assert.Equal(S("fw1"), rs.Find("hostname")![0]);
        Assert.Equal(F(10), rs.Find("timestamp_epoch")![0]);
        Assert.Equal(S("0"), rs.Find("cefVersion")![0]);
        Assert.Equal(S("sig"), rs.Find("signatureId")![0]);
        Assert.Equal(I(5), rs.Find("severity")![0]);
        Assert.Equal(S("10.0.0.1"), rs.Find("src")![0]);
    }

    [Fact]
    public void BareCefHasNoHeaderColumns()
    {
        var cols = Parse(_cef, "CEF:0|V|P|1|sig|Name|5|src=10.0.0.1\n");
        Assert.DoesNotContain("hostname", cols.Names());
        Assert.DoesNotContain("timestamp_epoch", cols.Names());
    }

    [Theory]
    [InlineData("hello CEF:0|V|P|1|sig|Name|5|\n")]
    [InlineData("Jan  1 00:00:10 fw1 CEF:x|V|P|1|sig|Name|5|\n")]
    public void CefInsideOtherTextIsNotClaimedAndFailsNamingTheLine(string line)
    {
        Assert.Equal(SniffConfidence.None, _cef.Sniff(Utf8(line)));
        var e = Assert.Throws<FormatParseException>(() => Parse(_cef, line));
        Assert.Equal(1, e.Line);
        Assert.Contains("expected a line starting with 'CEF:'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SyslogMessageMentioningCefLaterStaysSyslog() =>
        Assert.Equal(SniffConfidence.Strong, _syslog.Sniff(Utf8("<34>Oct 11 22:14:15 host app: forwarded a CEF: record\n")));
}
