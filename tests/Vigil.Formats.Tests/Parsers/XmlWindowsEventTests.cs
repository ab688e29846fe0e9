using Vigil.Formats.Parsers;
using static Vigil.Formats.Tests.TestData;

namespace Vigil.Formats.Tests.Parsers;

public sealed class XmlWindowsEventTests
{
    private const string Ns = "http://schemas.microsoft.com/win/2004/08/events/event";
    private readonly XmlParser _xml = new();

    [Fact]
    public void OneRowPerEventWithNamedData()
    {
        string doc = $"<Events><Event xmlns=\"{Ns}\"><System><EventID>4624</EventID><TimeCreated SystemTime=\"2020-01-01T00:00:00Z\"/></System>"
            + "<EventData><Data Name=\"TargetUserName\">bob</Data><Data Name=\"LogonType\">3</Data><Data Name=\"Empty\"/></EventData></Event>"
            + $"<Event xmlns=\"{Ns}\"><System><EventID>4625</EventID></System><EventData><Data Name=\"TargetUserName\">eve</Data></EventData></Event></Events>";
        var cols = Parse(_xml, doc);
        Assert.Equal([I(4624), I(4625)], cols.Col("EventID").Cells());
        Assert.Equal([S("bob"), S("eve")], cols.Col("TargetUserName").Cells());
        Assert.Equal([I(3), N], cols.Col("LogonType").Cells());
        Assert.Equal([N, N], cols.Col("Empty").Cells());
        Assert.Equal([S("2020-01-01T00:00:00Z"), N], cols.Col("TimeCreated.SystemTime").Cells());
        Assert.DoesNotContain("Name", cols.Names());
    }

    [Fact]
    public void SingleEventRootAndUserDataLeaves()
    {
        string doc = $"<Event xmlns=\"{Ns}\"><System><EventID>1102</EventID></System><UserData><LogFileCleared xmlns=\"x\"><SubjectUserName>admin</SubjectUserName></LogFileCleared></UserData></Event>";
        var cols = Parse(_xml, doc);
        Assert.Equal([I(1102)], cols.Col("EventID").Cells());
        Assert.Equal([S("admin")], cols.Col("SubjectUserName").Cells());
    }

    [Fact]
    public void UnnamedDataIsPositional()
    {
        var cols = Parse(_xml, $"<Event xmlns=\"{Ns}\"><System/><EventData><Data>a</Data><Data>b</Data></EventData></Event>");
        Assert.Equal([S("a")], cols.Col("Data.0").Cells());
        Assert.Equal([S("b")], cols.Col("Data.1").Cells());
    }

    [Fact]
    public void OtherXmlKeepsTheStructuralRule()
    {
        var cols = Parse(_xml, "<r><Event><x>1</x></Event><Event><x>2</x></Event></r>");
        Assert.Equal([I(1), I(2)], cols.Col("x").Cells());
    }

    [Fact]
    public void BareDoctypeIsSkippedButAnInternalSubsetIsStillRefused()
    {
        var cols = Parse(_xml, "<?xml version=\"1.0\"?>\n<!DOCTYPE nmaprun>\n<nmaprun><host a=\"1\"/><host a=\"2\"/></nmaprun>");
        Assert.Equal([I(1), I(2)], cols.Col("a").Cells());
        Assert.Throws<FormatParseException>(() => Parse(_xml, "<!DOCTYPE a [<!ENTITY x \"y\">]>\n<a>&x;</a>"));
    }
}
