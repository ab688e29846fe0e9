using Vigil.Core.Columns;
using Vigil.Formats.Parsers;
using static Vigil.Formats.Tests.TestData;

namespace Vigil.Formats.Tests.Parsers;

public sealed class JsonParserTests
{
    private readonly JsonParser _json = new();

    [Fact]
    public void ArrayOfObjects()
    {
        var cols = Parse(_json, "[{\"x\":10},{\"x\":20},{\"x\":30}]");
        Assert.Equal(ColumnType.Int, cols.Col("x").Type);
        Assert.Equal([I(10), I(20), I(30)], cols.Col("x").Cells());
    }

    [Fact]
    public void ScalarsGoToValueColumn()
    {
        var cols = Parse(_json, "[1,2,3]");
        Assert.Equal(["value"], cols.Names());
        Assert.Equal([I(1), I(2), I(3)], cols.Col("value").Cells());
    }

    [Fact]
    public void SingleObjectIsOneRecordWithTableBuilderOrder()
    {
        var cols = Parse(_json, "{\"b\":true,\"a\":null,\"c\":\"s\",\"d\":1.5,\"e\":18446744073709551615}");
        Assert.Equal(["a", "b", "c", "d", "e"], cols.Names());
        Assert.Equal([N], cols.Col("a").Cells());
        Assert.Equal([B(true)], cols.Col("b").Cells());
        Assert.Equal([F(1.5)], cols.Col("d").Cells());
        Assert.Equal([F(18446744073709551615.0)], cols.Col("e").Cells());
    }

    [Fact]
    public void NestedValuesBecomeCompactJsonInDocumentOrder()
    {
        var cols = Parse(_json, "{\"n\": {\"z\": [1, \"a\\\"b\", null, {\"y\": false}], \"a\": \"\\u00e9\\n\"}}");
        Assert.Equal([S("{\"z\":[1,\"a\\\"b\",null,{\"y\":false}],\"a\":\"é\\n\"}")], cols.Col("n").Cells());
    }

    [Fact]
    public void RowsMergeColumnsByFirstAppearance()
    {
        var cols = Parse(_json, "[{\"b\":1,\"a\":2},{\"c\":3,\"a\":4}]");
        Assert.Equal(["a", "b", "c"], cols.Names());
        Assert.Equal([I(1), N], cols.Col("b").Cells());
        Assert.Equal([N, I(3)], cols.Col("c").Cells());
    }

    [Theory]
    [InlineData("{not json", 1)]
    [InlineData("[{\"a\":1},\n{\"a\":2}\n{\"a\":3}]", 3)]
    [InlineData("{\"a\":1}\n{\"a\":2}", 2)]
    [InlineData("[1,]", 1)]
    public void MalformedJsonNamesLine(string text, int line)
    {
        var e = Assert.Throws<FormatParseException>(() => Parse(_json, text));
        Assert.Equal("json", e.Format);
        Assert.Equal(line, e.Line);
    }

    [Fact]
    public void SniffIsTextOnBracketOrBrace()
    {
        Assert.Equal(SniffConfidence.Text, _json.Sniff(Utf8("  [1]")));
        Assert.Equal(SniffConfidence.Text, _json.Sniff(Utf8("{\"a\":1}")));
        Assert.Equal(SniffConfidence.None, _json.Sniff(Utf8("a,b")));
    }
}
