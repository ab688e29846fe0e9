using Vigil.Exec.Diagnostics;

namespace Vigil.Exec.Tests.Diagnostics;

public sealed class ArgvSummaryTests
{
    [Fact]
    public void JoinsWithSingleSpaces()
    {
        Assert.Equal("/bin/echo a  b", ArgvSummary.Create(["/bin/echo", "a ", "b"]));
    }

    [Fact]
    public void ExactlyOneHundredSixtyBytes_IsKept()
    {
        string argv = new('x', 160);
        Assert.Equal(argv, ArgvSummary.Create([argv]));
    }

    [Fact]
    public void LongerThan160Bytes_Becomes159CharactersAndAnEllipsis()
    {
        string summary = ArgvSummary.Create(["/bin/echo", new string('y', 200)]);
        Assert.Equal(160, summary.Length);
        Assert.Equal(("/bin/echo " + new string('y', 149)) + "…", summary);
    }

    [Fact]
    public void ByteLengthDecides_ButCharactersAreCounted()
    {
        // 100 two-byte characters are 200 bytes (> 160) but only 100 characters: all are kept, then "…".
        string wide = new('é', 100);
        Assert.Equal(wide + "…", ArgvSummary.Create([wide]));

        // Characters outside the BMP are never split.
        string emoji = string.Concat(Enumerable.Repeat("😀", 170));
        string summary = ArgvSummary.Create([emoji]);
        Assert.Equal(string.Concat(Enumerable.Repeat("😀", 159)) + "…", summary);
    }
}
