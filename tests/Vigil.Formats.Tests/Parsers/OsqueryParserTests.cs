using Vigil.Formats.Parsers;
using static Vigil.Formats.Tests.TestData;

namespace Vigil.Formats.Tests.Parsers;

public sealed class OsqueryParserTests
{
    private readonly OsqueryParser _osquery = new();

    [Fact]
    public void SniffNeedsHostIdentifierAndColumnsOrSnapshot()
    {
        Assert.Equal(SniffConfidence.Strong, _osquery.Sniff(Utf8("{\"hostIdentifier\":\"h\",\"columns\":{}}\n")));
        Assert.Equal(SniffConfidence.Strong, _osquery.Sniff(Utf8("{\"hostIdentifier\":\"h\",\"snapshot\":[]}\n")));
        Assert.Equal(SniffConfidence.None, _osquery.Sniff(Utf8("{\"hostIdentifier\":\"h\",\"columns\":[]}\n")));
        Assert.Equal(SniffConfidence.None, _osquery.Sniff(Utf8("{\"columns\":{}}\n")));
        Assert.Equal(SniffConfidence.Strong, _osquery.Sniff(Real("osquery/differential-added-ubuntu-xenial.ndjson")));
    }

    [Fact]
    public void SniffWinsNoOtherFormatsSample() => SniffCorpus.AssertClaimsNoOtherSample("osquery", "osquery/", "samples/osquery-");

    [Fact]
    public void ClaimsNoExtension() => Assert.Empty(_osquery.Extensions);

    [Fact]
    public void RealDifferentialFile()
    {
        var cols = _osquery.Parse(Real("osquery/differential-added-ubuntu-xenial.ndjson"));
        Assert.Equal(6, cols[0].Length);
        // {"name":"system_info","hostIdentifier":"ubuntu-xenial",...,"unixTime":"1512649280",...,
        //  "columns":{"cpu_brand":"Intel(R) Core(TM) i7-7567U CPU @ 3.50GHz","hostname":"ubuntu-xenial","physical_memory":"1040322560"},"action":"added"}
        Assert.Equal(S("system_info"), cols.Col("name")[0]);
        Assert.Equal(S("1512649280"), cols.Col("unixTime")[0]);
        Assert.Equal(F(1512649280), cols.Col("unixTime_epoch")[0]);
        Assert.Equal(I(1040322560), cols.Col("columns.physical_memory")[0]);
        Assert.Equal(S("ubuntu-xenial"), cols.Col("columns.hostname")[0]);
        Assert.Equal(S("added"), cols.Col("action")[0]);
        Assert.StartsWith("{\"host_uuid\":\"72E1287B-D1BC-4FC6-B9D8-64F4352776A9\"", cols.Col("decorations")[0].AsString, StringComparison.Ordinal);
        // Row 2 is a kernel module: {"address":"0xffffffffc0380000","name":"ufs","size":"73728",...}
        Assert.Equal(I(73728), cols.Col("columns.size")[1]);
        Assert.Equal(N, cols.Col("columns.physical_memory")[1]);
    }

    [Fact]
    public void SnapshotRowsReplicateMetadata()
    {
        var cols = Parse(_osquery, "{\"name\":\"q\",\"hostIdentifier\":\"h\",\"snapshot\":[{\"pid\":\"1\"},{\"pid\":\"2\"},5],\"unixTime\":7}\n{\"name\":\"bare\"}\n");
        Assert.Equal([I(1), I(2), N], cols.Col("columns.pid").Cells());
        Assert.Equal([S("q"), S("q"), S("bare")], cols.Col("name").Cells());
        Assert.Equal([F(7), F(7), N], cols.Col("unixTime_epoch").Cells());
    }

    [Fact]
    public void BadLinesFailNamingTheLine()
    {
        var e = Assert.Throws<FormatParseException>(() => Parse(_osquery, "{\"hostIdentifier\":\"h\",\"columns\":{}}\n{nope}\n"));
        Assert.Equal("osquery", e.Format);
        Assert.Equal(2, e.Line);
    }
}
