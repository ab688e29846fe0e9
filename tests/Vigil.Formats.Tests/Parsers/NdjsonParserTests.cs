using Vigil.Formats.Parsers;
using static Vigil.Formats.Tests.TestData;

namespace Vigil.Formats.Tests.Parsers;

public sealed class NdjsonParserTests
{
    private readonly NdjsonParser _ndjson = new();

    [Fact]
    public void LinesWithMissingKeysAndBlankLines()
    {
        var cols = Parse(_ndjson, "{\"a\":1}\n\n   \n{\"a\":2,\"b\":9}\n");
        Assert.Equal([I(1), I(2)], cols.Col("a").Cells());
        Assert.Equal([N, I(9)], cols.Col("b").Cells());
        Assert.Equal(1, cols.Col("b").NullCount);
    }

    [Fact]
    public void ReferenceColumnOrderExample()
    {
        var cols = Parse(_ndjson, "{\"b\":1,\"a\":2}\n{\"c\":3,\"a\":4}");
        Assert.Equal(["a", "b", "c"], cols.Names());
    }

    [Fact]
    public void ErrorNamesTheLine()
    {
        var e = Assert.Throws<FormatParseException>(() => Parse(_ndjson, "{\"a\":1}\n{\"a\":2}\n{\"a\":"));
        Assert.Equal("ndjson", e.Format);
        Assert.Equal(3, e.Line);
        Assert.StartsWith("line 3: ", e.Message);
    }

    [Fact]
    public void TwoValuesOnOneLineIsAnError()
    {
        var e = Assert.Throws<FormatParseException>(() => Parse(_ndjson, "{\"a\":1}\n{\"a\":2} {\"a\":3}\n"));
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void SniffNeedsTwoObjectLinesOfTheFirstThree()
    {
        Assert.Equal(SniffConfidence.Strong, _ndjson.Sniff(Utf8("{\"a\":1}\n{\"a\":2}")));
        Assert.Equal(SniffConfidence.Strong, _ndjson.Sniff(Utf8("{\"a\":1}\n\n[1]\n {\"a\":2}")));
        Assert.Equal(SniffConfidence.None, _ndjson.Sniff(Utf8("{\"a\":1}")));
        Assert.Equal(SniffConfidence.None, _ndjson.Sniff(Utf8("[{\"a\":1}]\n{\"a\":2}\n{\"a\":3}")));
        Assert.Equal(SniffConfidence.None, _ndjson.Sniff(Utf8("{\"a\":1}\nx\ny\n{\"b\":1}")));
        Assert.Equal(SniffConfidence.None, _ndjson.Sniff(Utf8("{\n  \"items\": [\n    {\"x\": 1}\n  ]\n}\n")));
    }

    [Fact]
    public void PrettyPrintedJsonOnStdinGoesToTheJsonParser()
    {
        var set = FormatResolver.Normalize("-", Utf8("{\n  \"items\": [\n    {\"x\": 1}\n  ],\n  \"n\": 2\n}\n"));
        Assert.Equal(("json", 1), (set.Format, set.Rows));
        Assert.Equal(I(2), set.Find("n")![0]);
    }

    [Fact]
    public void RealZeekJsonStreamParses()
    {
        var cols = _ndjson.Parse(Real("zeek/json/corelight-json-streaming-mixed-paths.ndjson"));
        int lines = File.ReadAllLines(Path.Combine(RepoRoot, "..", "shared", "data", "real-samples", "zeek/json/corelight-json-streaming-mixed-paths.ndjson")).Count(l => l.Trim().Length > 0);
        Assert.Equal(lines, cols[0].Length);
        Assert.Contains("_path", cols.Names());
    }
}
