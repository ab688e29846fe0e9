using Vigil.Core.Columns;
using Vigil.Core.Roles;
using Vigil.Formats.Parsers;
using static Vigil.Formats.Tests.TestData;

namespace Vigil.Formats.Tests.Parsers;

public sealed class VpcflowParserTests
{
    private readonly VpcflowParser _vpc = new();

    [Fact]
    public void RealV2LogWithDerivedDuration()
    {
        var cols = _vpc.Parse(Real("vpc-flow/vpc-flow-v2-default-with-header.log"));
        Assert.Equal(3, cols[0].Length);
        Assert.Equal([I(1), I(1), I(1)], cols.Col("duration").Cells());
        Assert.Equal(S("10.26.1.153"), cols.Col("src_addr")[0]);
        Assert.Equal(I(60220), cols.Col("src_port")[0]);
        Assert.Equal(S("443"), cols.Col("dst_port")[0]);
        Assert.Equal(S("6"), cols.Col("proto")[0]);
        Assert.Equal(ColumnRole.Categorical, cols.Col("proto").RoleHint);
        Assert.Equal(I(123456789012), cols.Col("account_id")[0]);
        Assert.Equal(S("eni-0050644426037aa0f"), cols.Col("interface_id")[0]);
        Assert.Equal(S("OK"), cols.Col("log_status")[0]);
        Assert.Equal(I(1669842701), cols.Col("start")[0]);
    }

    [Fact]
    public void ReferenceDurationsAndNodataRow()
    {
        string log = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n"
            + "2 123 eni-a 10.0.0.1 10.0.0.2 1000 443 6 10 840 1620000000 1620000060 ACCEPT OK\n"
            + "2 123 eni-a 10.0.0.2 10.0.0.1 443 1000 6 8 620 1620000002 1620000060 REJECT OK\n"
            + "2 123 eni-b - - - - - - - 1620000000 1620000060 - NODATA\n";
        var cols = Parse(_vpc, log);
        Assert.Equal([I(60), I(58), I(60)], cols.Col("duration").Cells());
        Assert.Equal(N, cols.Col("packets")[2]);
        Assert.Equal(N, cols.Col("bytes")[2]);
        Assert.Equal(N, cols.Col("action")[2]);
        Assert.Equal(ColumnType.Int, cols.Col("packets").Type);
    }

    [Fact]
    public void Sniff()
    {
        Assert.Equal(SniffConfidence.Strong, _vpc.Sniff(Utf8("version srcaddr dstaddr dstport\n")));
        Assert.Equal(SniffConfidence.None, _vpc.Sniff(Utf8("version srcaddr dstaddr srcport\n")));
    }
}
