using Vigil.Formats.Parsers;
using static Vigil.Formats.Tests.TestData;

namespace Vigil.Formats.Tests.Parsers;

public sealed class CriParserTests
{
    private readonly CriParser _cri = new();

    [Fact]
    public void SniffIsStrongForCriLinesOnly()
    {
        Assert.Equal(SniffConfidence.Strong, _cri.Sniff(Utf8("\n2024-04-16T06:21:30.49Z stderr F hello\n")));
        Assert.Equal(SniffConfidence.Strong, _cri.Sniff(Utf8("2024-04-16T06:21:30+02:00 stdout P:x part\n")));
        Assert.Equal(SniffConfidence.None, _cri.Sniff(Utf8("2024-04-16T06:21:30Z myhost app[1]: hi\n")));
        Assert.Equal(SniffConfidence.None, _cri.Sniff(Utf8("2024-04-16T06:21:30Z stdout X hi\n")));
        Assert.Equal(SniffConfidence.None, _cri.Sniff([0x32, 0xFF, 0xFE]));
    }

    [Fact]
    public void SniffWinsNoOtherFormatsSample() => SniffCorpus.AssertClaimsNoOtherSample("cri", "container/kubernetes-cri");

    [Fact]
    public void ParsesColumnsWithEpoch()
    {
        var cols = Parse(_cri, "1970-01-01T00:00:01.5Z stdout F a b  c\n1970-01-01T01:00:00+01:00 stderr P \n");
        Assert.Equal([S("1970-01-01T00:00:01.5Z"), S("1970-01-01T01:00:00+01:00")], cols.Col("timestamp").Cells());
        Assert.Equal([F(1.5), F(0)], cols.Col("timestamp_epoch").Cells());
        Assert.Equal([S("stdout"), S("stderr")], cols.Col("stream").Cells());
        Assert.Equal([S("F"), S("P")], cols.Col("tag").Cells());
        Assert.Equal([S("a b  c"), S("")], cols.Col("message").Cells());
    }

    [Fact]
    public void OtherLineFailsNamingIt()
    {
        var e = Assert.Throws<FormatParseException>(() => Parse(_cri, "1970-01-01T00:00:01Z stdout F ok\nnot cri\n"));
        Assert.Equal("cri", e.Format);
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void ResolverPicksCriBeforeSyslog() =>
        Assert.Equal("cri", FormatResolver.Normalize("pod.log", Utf8("2016-10-06T00:17:09.669794202Z stdout F hi\n")).Format);
}
