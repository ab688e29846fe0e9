using Vigil.Core.Columns;
using Vigil.Formats.Parsers;
using static Vigil.Formats.Tests.TestData;

namespace Vigil.Formats.Tests.Parsers;

public sealed class LogfmtParserTests
{
    private readonly LogfmtParser _logfmt = new();

    [Fact]
    public void ReferenceExample()
    {
        var cols = Parse(_logfmt, "level=info msg=\"request handled\" status=200 dur=0.123 ok=true\nlevel=error msg=\"db timeout\" status=500 retries=3\n");
        Assert.Equal(["dur", "level", "msg", "ok", "status", "retries"], cols.Names());
        Assert.Equal(ColumnType.Int, cols.Col("status").Type);
        Assert.Equal(ColumnType.Float, cols.Col("dur").Type);
        Assert.Equal(ColumnType.Str, cols.Col("level").Type);
        Assert.Equal(ColumnType.Bool, cols.Col("ok").Type);
        Assert.Equal([N, I(3)], cols.Col("retries").Cells());
        Assert.Equal([S("request handled"), S("db timeout")], cols.Col("msg").Cells());
    }

    [Fact]
    public void QuotedEscapesBareKeysEmptyValuesAndLastWins()
    {
        var cols = Parse(_logfmt, "a=\"x\\\"y\\\\z\" flag b= c=1 c=2 q=\"42\" open=\"unterminated value");
        Assert.Equal([S("x\"y\\z")], cols.Col("a").Cells());
        Assert.Equal([B(true)], cols.Col("flag").Cells());
        Assert.Equal([N], cols.Col("b").Cells());
        Assert.Equal([I(2)], cols.Col("c").Cells());
        Assert.Equal([S("42")], cols.Col("q").Cells());
        Assert.Equal([S("unterminated value")], cols.Col("open").Cells());
    }

    [Theory]
    [InlineData("level=info msg=hi", SniffConfidence.Text)]
    [InlineData("a=1 b c", SniffConfidence.None)]
    [InlineData("single=token", SniffConfidence.None)]
    [InlineData("\n  ts=1 x y=2 z", SniffConfidence.Text)]
    [InlineData("1a=1 2b=2", SniffConfidence.None)]
    [InlineData("_k.x-y=1 v", SniffConfidence.Text)]
    public void Sniff(string text, SniffConfidence expected) => Assert.Equal(expected, _logfmt.Sniff(Utf8(text)));

    [Fact]
    public void InvalidUtf8IsAParseError()
    {
        var e = Assert.Throws<FormatParseException>(() => _logfmt.Parse(new byte[] { (byte)'a', (byte)'=', 0xC3 }));
        Assert.Equal("logfmt", e.Format);
        Assert.Equal(1, e.Line);
    }
}
