using System.Text;
using Vigil.Formats.Parsers;
using static Vigil.Formats.Tests.TestData;

namespace Vigil.Formats.Tests.Parsers;

/// <summary>
/// Issue 14 item 1: nesting is refused while parsing, before any tree is built, so a deep document is a one-line
/// error and never a stack overflow (which used to kill the process with exit 134).
/// </summary>
public sealed class YamlDepthTests
{
    private const int Deep = 40_000;

    public static TheoryData<string, string> DeepDocuments => new()
    {
        { "flow sequences", "a: " + new string('[', Deep) + new string(']', Deep) + "\n" },
        { "block sequences", string.Concat(Enumerable.Repeat("- ", Deep)) + "x\n" },
        { "flow mappings", "a: " + string.Concat(Enumerable.Repeat("{a: ", Deep)) + "1" + new string('}', Deep) + "\n" },
        { "unclosed flow", "a: " + new string('[', Deep) + "\n" },
        { "block mappings", BlockMappings(2_000) },
    };

    [Theory]
    [MemberData(nameof(DeepDocuments))]
    public void DeepNesting_IsAOneLineErrorAtItsLine(string shape, string text)
    {
        // A small stack makes the old recursive path overflow for sure; the fix must not need one.
        FormatParseException? error = null;
        var thread = new Thread(() => error = Record(() => Parse(new YamlParser(), text)), 256 * 1024);
        thread.Start();
        thread.Join();

        Assert.NotNull(error);
        Assert.Contains("nesting deeper than", error.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Detail);
        Assert.True(error.Line >= 1, shape);
    }

    [Fact]
    public void NestingAtTheLimit_StillParses()
    {
        string text = "a: " + new string('[', 100) + "1" + new string(']', 100) + "\n";
        Assert.Single(Parse(new YamlParser(), text));
    }

    private static string BlockMappings(int depth)
    {
        var text = new StringBuilder();
        for (int i = 0; i < depth; i++)
        {
            text.Append(' ', i).Append("k:\n");
        }

        return text.Append(' ', depth).Append("k: 1\n").ToString();
    }

    private static FormatParseException? Record(Action parse)
    {
        try
        {
            parse();
            return null;
        }
        catch (FormatParseException e)
        {
            return e;
        }
    }
}
