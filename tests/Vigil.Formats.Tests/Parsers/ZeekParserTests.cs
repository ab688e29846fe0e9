using Vigil.Core.Columns;
using Vigil.Core.Roles;
using Vigil.Formats.Parsers;
using static Vigil.Formats.Tests.TestData;

namespace Vigil.Formats.Tests.Parsers;

public sealed class ZeekParserTests
{
    private readonly ZeekParser _zeek = new();

    [Fact]
    public void RealConnLogWithCloseFooter()
    {
        var cols = _zeek.Parse(Real("zeek/tsv/conn-with-close-footer.log"));
        Assert.Equal(["ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "proto", "service", "duration", "orig_bytes",
            "resp_bytes", "conn_state", "local_orig", "missed_bytes", "history", "orig_pkts", "orig_ip_bytes", "resp_pkts",
            "resp_ip_bytes", "tunnel_parents"], cols.Names());
        Assert.Equal(5, cols[0].Length);
        Assert.Equal(ColumnType.Float, cols.Col("ts").Type);
        Assert.Equal(F(1329843175.736107), cols.Col("ts")[0]);
        Assert.Equal(S("CjhGID4nQcgTWjvg4c"), cols.Col("uid")[0]);
        Assert.Equal(ColumnType.Int, cols.Col("id.orig_p").Type);
        Assert.Equal(I(37604), cols.Col("id.orig_p")[0]);
        Assert.Equal([S("56666"), S("56667")], cols.Col("id.resp_p").Cells()[..2]);
        Assert.Equal(ColumnRole.Categorical, cols.Col("id.resp_p").RoleHint);
        Assert.Equal(5, cols.Col("local_orig").NullCount);
        Assert.Equal(S(""), cols.Col("tunnel_parents")[0]);
        Assert.Equal(F(38.055625), cols.Col("duration")[4]);
    }

    [Fact]
    public void ReferenceSliceNullsForUnsetServiceAndDuration()
    {
        string log = "#separator \\x09\n#fields\tts\tuid\tid.orig_p\tservice\tduration\n#types\ttime\tstring\tport\tstring\tinterval\n"
            + "1.5\tCa\t80\t-\t0.5\n2.5\tCb\t81\thttp\t-\n";
        var cols = Parse(_zeek, log);
        Assert.Equal(ColumnType.Float, cols.Col("ts").Type);
        Assert.Equal(ColumnType.Int, cols.Col("id.orig_p").Type);
        Assert.Equal(1, cols.Col("service").NullCount);
        Assert.Equal(1, cols.Col("duration").NullCount);
    }

    [Fact]
    public void CustomSeparatorUnsetEmptyAndRaggedRows()
    {
        string log = "#separator ,\n#unset_field,NA\n#empty_field,EMPTY\n#fields,a,b,c\n1,NA,EMPTY\n2\n3,4,5,6\n";
        var cols = Parse(_zeek, log);
        Assert.Equal([I(1), I(2), I(3)], cols.Col("a").Cells());
        Assert.Equal([N, N, I(4)], cols.Col("b").Cells());
        Assert.Equal([S(""), N, I(5)], cols.Col("c").Cells());
    }

    [Fact]
    public void DnsCodesAreCategories()
    {
        var cols = _zeek.Parse(Real("zeek/tsv/dns-m57-bro2.log"));
        Assert.Equal(ColumnType.Str, cols.Col("qtype").Type);
        Assert.Equal(S("32"), cols.Col("qtype")[0]);
        Assert.Equal(ColumnRole.Categorical, cols.Col("qtype").RoleHint);
        Assert.Equal(N, cols.Col("rcode")[0]);
        Assert.Equal(S("T"), cols.Col("RD")[0]);
    }

    [Fact]
    public void AllRealTsvLogsParse()
    {
        foreach (string f in new[] { "conn-m57-bro2.log", "conn-zeek3-community-id.log", "http-m57-bro2.log", "http-zeek3.log" })
        {
            byte[] bytes = Real("zeek/tsv/" + f);
            int rows = System.Text.Encoding.UTF8.GetString(bytes).Split('\n').Count(l => l.Length > 0 && l[0] != '#');
            Assert.Equal(rows, _zeek.Parse(bytes)[0].Length);
        }
    }

    [Theory]
    [InlineData("#separator \\x09\n#path\tconn\n", null, "missing #fields header")]
    [InlineData("#separator \\x09\n1\t2\n#fields\ta\tb\n", 2, "data row before #fields header")]
    public void MissingFieldsIsAParseError(string text, int? line, string detail)
    {
        var e = Assert.Throws<FormatParseException>(() => Parse(_zeek, text));
        Assert.Equal("zeek", e.Format);
        Assert.Equal(line, e.Line);
        Assert.Contains(detail, e.Message);
    }

    [Fact]
    public void Sniff()
    {
        Assert.Equal(SniffConfidence.Strong, _zeek.Sniff(Utf8("  \n#separator \\x09\n")));
        Assert.Equal(SniffConfidence.None, _zeek.Sniff(Utf8("#fields\ta\n")));
    }
}
