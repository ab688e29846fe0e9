using Vigil.Core.Columns;
using Vigil.Formats.Parsers;
using static Vigil.Formats.Tests.TestData;

namespace Vigil.Formats.Tests.Parsers;

/// <summary>
/// <c>TimeCreated.SystemTime_epoch</c>: Windows event time as float Unix seconds (for <c>--cadence</c>). Expected values
/// are worked out by hand in the comments (day counts from 1970-01-01, proleptic Gregorian).
/// </summary>
public sealed class XmlWindowsEventEpochTests
{
    private const string Ns = "http://schemas.microsoft.com/win/2004/08/events/event";
    private const string Epoch = "TimeCreated.SystemTime_epoch";
    private readonly XmlParser _xml = new();

    private static string Event(string? systemTime, int id = 4624) =>
        $"<Event xmlns=\"{Ns}\"><System><EventID>{id}</EventID>"
        + (systemTime is null ? string.Empty : $"<TimeCreated SystemTime=\"{systemTime}\"/>")
        + "</System><EventData><Data Name=\"LogonType\">3</Data></EventData></Event>";

    private static string Events(params string[] events) => "<Events>" + string.Concat(events) + "</Events>";

    // 2024-01-01 = 54*365 + 13 leap days (1972..2020) = 19723 days; Jan 15 = 19737 days = 1705276800 s;
    // 10:22:33 = 37353 s → 1705314153; the 7 fractional digits (100 ns ticks) → .1234567.
    [Fact]
    public void SevenFractionalDigitsGiveFloatSeconds()
    {
        var cols = Parse(_xml, Events(Event("2024-01-15T10:22:33.1234567Z")));
        Column epoch = cols.Col(Epoch);
        Assert.Equal(ColumnType.Float, epoch.Type);
        double seconds = epoch[0].AsFloat;
        Assert.Equal(1705314153.1234567, seconds, 1e-6);
        Assert.Equal(0.1234567, seconds - 1705314153, 1e-6);
        Assert.Equal(S("2024-01-15T10:22:33.1234567Z"), cols.Col("TimeCreated.SystemTime")[0]);
    }

    // Whole seconds are exact in a double: cadence sees exactly 60 s between the events.
    [Fact]
    public void EventsAMinuteApartAreSixtySecondsApart()
    {
        var cols = Parse(_xml, Events(Event("2024-01-15T10:22:33Z"), Event("2024-01-15T10:23:33.0000000Z", 4625)));
        Assert.Equal([F(1705314153), F(1705314213)], cols.Col(Epoch).Cells());
    }

    // 12:22:33.5 at +02:00 is 10:22:33.5 UTC; .5 is exact in binary.
    [Fact]
    public void OffsetIsApplied() =>
        Assert.Equal([F(1705314153.5)], Parse(_xml, Events(Event("2024-01-15T12:22:33.5+02:00"))).Col(Epoch).Cells());

    [Fact]
    public void MissingOrUnreadableTimesAreNull()
    {
        var cols = Parse(_xml, Events(
            Event("2024-01-15T10:22:33Z"),
            Event(null, 4625),
            Event("2024-01-15T10:22:33.1234567", 4626),  // no zone: not guessed
            Event("yesterday", 4627),
            Event("2024-02-30T00:00:00Z", 4628)));       // no such day
        Assert.Equal([F(1705314153), N, N, N, N], cols.Col(Epoch).Cells());
        Assert.Equal([S("2024-01-15T10:22:33Z"), N, S("2024-01-15T10:22:33.1234567"), S("yesterday"), S("2024-02-30T00:00:00Z")], cols.Col("TimeCreated.SystemTime").Cells());
    }

    [Fact]
    public void OtherXmlGetsNoEpochColumn()
    {
        var cols = Parse(_xml, "<log><TimeCreated SystemTime=\"2024-01-15T10:22:33Z\"/><TimeCreated SystemTime=\"2024-01-15T10:22:34Z\"/></log>");
        Assert.Equal([S("2024-01-15T10:22:33Z"), S("2024-01-15T10:22:34Z")], cols.Col("SystemTime").Cells());
        Assert.DoesNotContain(Epoch, cols.Names());
    }

    // 2020-01-01 = 50*365 + 12 leap days (1972..2016) = 18262 days; 2020 is leap, so Jan..May = 152 days:
    // Jun 17 = 18262 + 152 + 16 = 18430 days = 1592352000 s; 14:27:41 = 52061 s → 1592404061.3945738.
    // Jun 5 = 18418 days = 1591315200 s; 16:12:02 = 58322 s → 1591373522.4523553; 12:26:50 = 44810 s → 1591360010.0010927.
    [Theory]
    [InlineData("xml-windows-event/security-4688-process-creation.xml", 1592404061.3945738)]
    [InlineData("xml-windows-event/security-4624-logon.xml", 1591373522.4523553)]
    [InlineData("xml-windows-event/application-105-esent-multiline-data.xml", 1591360010.0010927)]
    public void RealWindowsEventsCarryTheEpoch(string file, double expected)
    {
        RecordSet rs = FormatResolver.Normalize(Path.GetFileName(file), Real(file));
        Assert.Equal("xml", rs.Format);
        Column epoch = rs.Find(Epoch) ?? throw new Xunit.Sdk.XunitException("no " + Epoch);
        Assert.Equal(expected, epoch[0].AsFloat, 1e-6);
    }
}
