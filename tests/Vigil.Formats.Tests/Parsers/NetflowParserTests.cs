using Vigil.Core.Columns;
using Vigil.Core.Roles;
using Vigil.Formats.Parsers;
using static Vigil.Formats.Tests.TestData;

namespace Vigil.Formats.Tests.Parsers;

public sealed class NetflowParserTests
{
    private readonly NetflowParser _netflow = new();

    [Fact]
    public void RealNfdumpExportStopsAtSummary()
    {
        var cols = _netflow.Parse(Real("nfdump/nfdump-1.7.1-csv-from-vast-example-pcap.csv"));
        // The trailer says flows=79.
        Assert.Equal(79, cols[0].Length);
        Assert.Equal(S("2018-10-30 08:56:07"), cols.Col("start")[0]);
        Assert.Equal(S("2018-10-30 08:56:30"), cols.Col("end")[0]);
        Assert.Equal(F(22.577), cols.Col("duration")[0]);
        Assert.Equal(S("83.135.95.78"), cols.Col("src_addr")[0]);
        Assert.Equal(I(22), cols.Col("src_port")[0]);
        Assert.Equal(S("61183"), cols.Col("dst_port")[0]);
        Assert.Equal(ColumnRole.Categorical, cols.Col("dst_port").RoleHint);
        Assert.Equal(S("TCP"), cols.Col("proto")[0]);
        Assert.Equal(I(12), cols.Col("packets")[0]);
        Assert.Equal(I(2281), cols.Col("bytes")[0]);
        Assert.Equal(F(0.0), cols.Col("cl")[0]);
        // 2018-10-30T08:56:07Z = 1540889767
        Assert.Equal(F(1540889767), cols.Col("start_epoch")[0]);
        Assert.Equal(F(1540889790), cols.Col("end_epoch")[0]);
        Assert.Equal(0, cols.Col("start_epoch").NullCount);
        // TableBuilder order: the first record's keys alphabetically.
        Assert.Equal(cols.Names().OrderBy(n => n, StringComparer.Ordinal), cols.Names());
    }

    [Fact]
    public void SniffNeedsTheSignature()
    {
        Assert.Equal(SniffConfidence.Strong, _netflow.Sniff(Utf8("\nts,te,td,sa,da,sp,dp,pr,flg\n")));
        Assert.Equal(SniffConfidence.None, _netflow.Sniff(Utf8("ts,te,td,sa,da,sp,dp\n")));
        Assert.Equal(SniffConfidence.None, _netflow.Sniff(Utf8("x\nts,te,td,sa,da,sp,dp,pr\n")));
    }

    [Fact]
    public void MissingHeaderIsAParseError()
    {
        var e = Assert.Throws<FormatParseException>(() => Parse(_netflow, "a,b\n1,2\n"));
        Assert.Equal("netflow", e.Format);
        Assert.Equal(1, e.Line);
    }
}
