using Vigil.Core.Columns;
using Vigil.Core.Roles;
using Vigil.Formats.Parsers;
using static Vigil.Formats.Tests.TestData;

namespace Vigil.Formats.Tests.Parsers;

public sealed class EveParserTests
{
    private readonly EveParser _eve = new();

    [Fact]
    public void SniffNeedsEventTypeStringAndTimestamp()
    {
        Assert.Equal(SniffConfidence.Strong, _eve.Sniff(Utf8("\n{\"timestamp\":1,\"event_type\":\"flow\"}\n")));
        Assert.Equal(SniffConfidence.None, _eve.Sniff(Utf8("{\"timestamp\":1,\"event_type\":3}\n")));
        Assert.Equal(SniffConfidence.None, _eve.Sniff(Utf8("{\"event_type\":\"flow\"}\n")));
        Assert.Equal(SniffConfidence.None, _eve.Sniff(Utf8("{\"timestamp\":1,\"event_type\":\"flow\"\n")));
        Assert.Equal(SniffConfidence.Strong, _eve.Sniff(Real("suricata/eve-alerts-community-id.json")));
    }

    [Fact]
    public void SniffWinsNoOtherFormatsSample() => SniffCorpus.AssertClaimsNoOtherSample("eve", "suricata/eve-", "samples/eve-");

    [Fact]
    public void ClaimsNoExtension()
    {
        Assert.Empty(_eve.Extensions);
        Assert.NotEqual("eve", FormatResolver.ByExtension("eve.json")?.Id);
    }

    [Fact]
    public void RealMixedEventsExactValues()
    {
        var cols = _eve.Parse(Real("suricata/eve-mixed-event-types.json"));
        Assert.Equal(7, cols.Col("event_type").Length);
        // Line 1: {"timestamp":"2011-08-12T14:52:57.716360+0200","flow_id":1031464864740687,...,"event_type":"alert",...
        //          "alert":{"action":"allowed","gid":1,"signature_id":2017318,"rev":4,...,"category":"Potentially Bad Traffic","severity":2},...}
        Assert.Equal(S("alert"), cols.Col("event_type")[0]);
        Assert.Equal(S("2011-08-12T14:52:57.716360+0200"), cols.Col("timestamp")[0]);
        Assert.Equal(F(1313153577.71636), cols.Col("timestamp_epoch")[0]);
        Assert.Equal(I(1031464864740687), cols.Col("flow_id")[0]);
        Assert.Equal(S("2017318"), cols.Col("alert.signature_id")[0]);
        Assert.Equal(S("Potentially Bad Traffic"), cols.Col("alert.category")[0]);
        Assert.Equal(I(2), cols.Col("alert.severity")[0]);
        Assert.Equal(I(2302), cols.Col("flow.bytes_toserver")[0]);
        Assert.Equal(I(1), cols.Col("packet_info.linktype")[0]);
        // Line 2 is a dns event: no alert.
        Assert.Equal(S("dns"), cols.Col("event_type")[1]);
        Assert.Equal(N, cols.Col("alert.signature_id")[1]);
        Assert.Equal(S("irc.freenode.net"), cols.Col("dns.rrname")[1]);
        Column sig = cols.Col("alert.signature_id");
        Assert.Equal(ColumnType.Str, sig.Type);
        Assert.Equal(ColumnRole.Categorical, sig.RoleHint);
        Assert.Equal(ColumnType.Float, cols.Col("timestamp_epoch").Type);
    }

    [Fact]
    public void DeepObjectsFlattenAndArraysStayJson()
    {
        var cols = Parse(_eve, "{\"timestamp\":\"2020-01-01T00:00:00Z\",\"event_type\":\"x\",\"a\":{\"b\":{\"c\":1}},\"l\":[1,\"two\"]}\n");
        Assert.Equal(I(1), cols.Col("a.b.c")[0]);
        Assert.Equal(S("[1,\"two\"]"), cols.Col("l")[0]);
        Assert.Equal(F(1577836800), cols.Col("timestamp_epoch")[0]);
    }

    [Fact]
    public void BadLinesFailNamingTheLine()
    {
        var e = Assert.Throws<FormatParseException>(() => Parse(_eve, "{\"timestamp\":1,\"event_type\":\"x\"}\n\n[1,2]\n"));
        Assert.Equal("eve", e.Format);
        Assert.Equal(3, e.Line);
        Assert.Equal(2, Assert.Throws<FormatParseException>(() => Parse(_eve, "{\"timestamp\":1,\"event_type\":\"x\"}\n{\"a\":\n")).Line);
        // serde_json cannot hold 1e400, so the reference fails too; here the canonical writer's failure is a parse error.
        Assert.Equal(2, Assert.Throws<FormatParseException>(() => Parse(_eve, "{\"timestamp\":1,\"event_type\":\"x\"}\n{\"a\":[1e400]}\n")).Line);
    }
}
