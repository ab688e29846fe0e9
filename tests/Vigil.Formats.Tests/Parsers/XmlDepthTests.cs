using Vigil.Formats.Parsers;
using static Vigil.Formats.Tests.TestData;

namespace Vigil.Formats.Tests.Parsers;

/// <summary>
/// Issue 14 item 3: XML depth is refused while reading, so 200,000 levels cost what 257 do instead of minutes of
/// quadratic work before the depth error.
/// </summary>
public sealed class XmlDepthTests
{
    [Fact]
    public void DeepNesting_IsRefusedAtTheFirstElementTooDeep()
    {
        const int Deep = 200_000;
        string text = "<?xml version=\"1.0\"?>\n" + string.Concat(Enumerable.Repeat("<a>\n", Deep)) + string.Concat(Enumerable.Repeat("</a>", Deep));

        var error = Assert.Throws<FormatParseException>(() => Parse(new XmlParser(), text));

        Assert.Contains("nesting deeper than 256", error.Detail, StringComparison.Ordinal);
        Assert.Equal(259, error.Line);
    }

    [Fact]
    public void DeepNesting_StopsReadingThere()
    {
        // The document never closes: a reader that went on to the end would report the missing end tags instead.
        string text = string.Concat(Enumerable.Repeat("<a>", 100_000));

        var error = Assert.Throws<FormatParseException>(() => Parse(new XmlParser(), text));

        Assert.Contains("nesting deeper than 256", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void NestingBelowTheLimit_StillParses()
    {
        const int Depth = 200;
        string text = string.Concat(Enumerable.Repeat("<a x=\"1\">", Depth)) + string.Concat(Enumerable.Repeat("</a>", Depth));
        Assert.NotEmpty(Parse(new XmlParser(), text));
    }
}
