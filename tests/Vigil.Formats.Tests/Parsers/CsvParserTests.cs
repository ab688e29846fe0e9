using Vigil.Core.Columns;
using Vigil.Formats.Parsers;
using static Vigil.Formats.Tests.TestData;

namespace Vigil.Formats.Tests.Parsers;

public sealed class CsvParserTests
{
    private readonly CsvParser _csv = new();

    [Fact]
    public void ReferenceTypesAndNulls()
    {
        var cols = Parse(_csv, "a,b\n1,x\n2,\n3,z");
        Assert.Equal(["a", "b"], cols.Names());
        Assert.Equal(ColumnType.Int, cols.Col("a").Type);
        Assert.Equal([S("x"), N, S("z")], cols.Col("b").Cells());
        Assert.Equal(1, cols.Col("b").NullCount);
    }

    [Fact]
    public void ShortRowsArePaddedWithNull()
    {
        var cols = Parse(_csv, "a,b,c\n1\n2,3,4");
        Assert.Equal([N, I(3)], cols.Col("b").Cells());
        Assert.Equal([N, I(4)], cols.Col("c").Cells());
    }

    [Fact]
    public void LongRowIsAnErrorNamingItsLine()
    {
        var e = Assert.Throws<FormatParseException>(() => Parse(_csv, "a,b\n1,2\n\n2,3,4\n"));
        Assert.Equal("csv", e.Format);
        Assert.Equal(4, e.Line);
    }

    [Fact]
    public void Rfc4180QuotingAndTerminators()
    {
        var cols = Parse(_csv, "name,note,n\r\n\"Smith, J\",\"said \"\"hi\"\"\nthen left\",1\r\"x\",,2\n");
        Assert.Equal([S("Smith, J"), S("x")], cols.Col("name").Cells());
        Assert.Equal([S("said \"hi\"\nthen left"), N], cols.Col("note").Cells());
        Assert.Equal([I(1), I(2)], cols.Col("n").Cells());
    }

    [Fact]
    public void HeaderOrderAndDuplicateNamesAreKept()
    {
        var cols = Parse(_csv, "z,a,z\n1,2,3\n");
        Assert.Equal(["z", "a", "z"], cols.Names());
        Assert.Equal([I(3)], cols[2].Cells());
    }

    [Fact]
    public void FieldsAreNotTrimmedAndBlankLinesSkipped()
    {
        var cols = Parse(_csv, "\uFEFFa,b\n\n 1,2\n\n");
        Assert.Equal(["a", "b"], cols.Names());
        Assert.Equal([S(" 1")], cols.Col("a").Cells());
    }

    [Fact]
    public void MultiByteTextIsKeptWholeInPlainAndQuotedFields()
    {
        // Fields end only at ASCII bytes, so a multi-byte character is never split between fields.
        var cols = Parse(_csv, "\uFEFFnom,città\n\"é,\"\"ü\"\"\",日本\n😀,\u00A0\n");
        Assert.Equal(["nom", "città"], cols.Names());
        Assert.Equal([S("é,\"ü\""), S("😀")], cols.Col("nom").Cells());
        Assert.Equal([S("日本"), S("\u00A0")], cols.Col("città").Cells());
    }

    [Fact]
    public void UnicodeWhitespaceOnlyInputHasNoHeader()
    {
        // Whitespace in the Unicode sense (NBSP, ideographic space), not only ASCII: still an empty file.
        Assert.Empty(Parse(_csv, "\u00A0\u3000\r\n\t\n"));
        Assert.Equal(["\u3000x"], Parse(_csv, "\u3000x\n1\n").Names());
    }

    [Fact]
    public void HeaderOnlyAndEmptyInputs()
    {
        var header = Parse(_csv, "a,b\n");
        Assert.Equal(2, header.Count);
        Assert.All(header, c => Assert.Equal(0, c.Length));
        Assert.Empty(Parse(_csv, ""));
    }

    [Fact]
    public void InvalidUtf8NamesLineAndOffset()
    {
        byte[] bytes = [.. Utf8("a,b\n1,2\n3,"), 0xFF, (byte)'\n'];
        var e = Assert.Throws<FormatParseException>(() => _csv.Parse(bytes));
        Assert.Equal(3, e.Line);
        Assert.Contains("byte offset 10", e.Message);
    }

    [Fact]
    public void ReadingsSampleHasThePlantedOutlier()
    {
        var cols = _csv.Parse(Sample("readings.csv"));
        Assert.Equal(["timestamp", "sensor", "temperature_c", "humidity_pct"], cols.Names());
        Assert.Equal(144, cols[0].Length);
        double[] temps = cols.Col("temperature_c").Numeric();
        Assert.Single(temps, t => t > 40);
        Assert.Equal(ColumnType.Int, cols.Col("timestamp").Type);
    }

    [Fact]
    public void SniffIsFallbackForTextOnly()
    {
        Assert.Equal(SniffConfidence.Fallback, _csv.Sniff(Utf8("a,b\n1,2")));
        Assert.Equal(SniffConfidence.None, _csv.Sniff(Utf8("  [1,2]")));
        Assert.Equal(SniffConfidence.None, _csv.Sniff(Utf8("{\"a\":1}")));
        Assert.Equal(SniffConfidence.None, _csv.Sniff(Utf8(" \n\t ")));
        Assert.Equal(SniffConfidence.None, _csv.Sniff([0x61, 0xFF, 0x62]));
    }
}
