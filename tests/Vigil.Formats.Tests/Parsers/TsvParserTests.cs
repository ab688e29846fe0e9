using Vigil.Core.Columns;
using Vigil.Formats.Parsers;
using static Vigil.Formats.Tests.TestData;

namespace Vigil.Formats.Tests.Parsers;

public sealed class TsvParserTests
{
    private readonly TsvParser _tsv = new();

    [Fact]
    public void ParsesTabSeparatedWithInference()
    {
        var cols = Parse(_tsv, "a\tb\tc\n1\t2,5\t\"q\tx\"\n");
        Assert.Equal(ColumnType.Int, cols.Col("a").Type);
        Assert.Equal([S("2,5")], cols.Col("b").Cells());
        Assert.Equal([S("q\tx")], cols.Col("c").Cells());
    }

    [Fact]
    public void SniffNeedsATabBeforeAnyComma()
    {
        Assert.Equal(SniffConfidence.Text, _tsv.Sniff(Utf8("a\tb\n1\t2")));
        Assert.Equal(SniffConfidence.Text, _tsv.Sniff(Utf8("a\tb,c\n")));
        Assert.Equal(SniffConfidence.None, _tsv.Sniff(Utf8("a,b\tc\n")));
        Assert.Equal(SniffConfidence.None, _tsv.Sniff(Utf8("a,b\n1\t2")));
        Assert.Equal(SniffConfidence.None, _tsv.Sniff(Utf8("[\t1]")));
    }

    [Fact]
    public void ExtensionsClaimTsvAndTab()
    {
        Assert.Equal("tsv", FormatResolver.ByExtension("x.tsv")!.Id);
        Assert.Equal("tsv", FormatResolver.ByExtension("X.TAB")!.Id);
        Assert.Equal("tsv", FormatResolver.Normalize("x.tab", Utf8("a,b\n1,2")).Format);
    }

    [Fact]
    public void LongRowIsAnError()
    {
        var e = Assert.Throws<FormatParseException>(() => Parse(_tsv, "a\tb\n1\t2\t3\n"));
        Assert.Equal("tsv", e.Format);
        Assert.Equal(2, e.Line);
    }
}
