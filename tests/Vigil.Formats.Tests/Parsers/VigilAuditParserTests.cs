using Vigil.Core.Columns;
using Vigil.Core.Roles;
using Vigil.Formats.Parsers;
using static Vigil.Formats.Tests.TestData;

namespace Vigil.Formats.Tests.Parsers;

public sealed class VigilAuditParserTests
{
    private const string Z64 = "0000000000000000000000000000000000000000000000000000000000000000";
    private readonly VigilAuditParser _audit = new();

    private static string Lines() =>
        "{\"event\":\"request\",\"ts_unix_ms\":1767225600000,\"request_id\":\"r1\",\"agent_id\":\"aa\",\"machine_id\":\"mm\",\"argv\":[\"/bin/cat\",\"-n\"],\"matched_acl\":\"alice local e2e\",\"stdin_bytes\":36,\"timeout_ms\":5000,\"seq\":0,\"prev\":\"" + Z64 + "\"}\n"
        + "{\"event\":\"started\",\"ts_unix_ms\":1767225600005,\"request_id\":\"r1\",\"pid\":4242,\"seq\":1,\"prev\":\"h1\"}\n"
        + "{\"event\":\"exit\",\"ts_unix_ms\":1767225600017,\"request_id\":\"r1\",\"code\":0,\"signal\":null,\"duration_ms\":12,\"stdout_bytes\":36,\"stderr_bytes\":0,\"truncated\":true,\"seq\":2,\"prev\":\"h2\"}\n"
        + "{\"event\":\"denial\",\"ts_unix_ms\":1767225601500,\"request_id\":\"r2\",\"agent_id\":\"bb\",\"machine_id\":\"mm\",\"argv\":[],\"reason\":\"argv_not_allowed\",\"seq\":3,\"prev\":\"h3\"}\n";

    [Fact]
    public void EventsBecomeRowsWithDerivedColumns()
    {
        var cols = Parse(_audit, Lines());
        Assert.Equal(4, cols[0].Length);
        Assert.Equal([F(1767225600.0), F(1767225600.005), F(1767225600.017), F(1767225601.5)], cols.Col("ts").Cells());
        Assert.Equal([S("request"), S("started"), S("exit"), S("denial")], cols.Col("event").Cells());
        Assert.Equal([S("/bin/cat -n"), N, N, S("")], cols.Col("argv").Cells());
        Assert.Equal([S("/bin/cat"), N, N, N], cols.Col("argv0").Cells());
        Assert.Equal([S("aa"), N, N, S("bb")], cols.Col("agent_id").Cells());
        Assert.Equal([N, N, N, S("argv_not_allowed")], cols.Col("reason").Cells());
        Assert.Equal([N, N, I(0), N], cols.Col("code").Cells());
        Assert.Equal([N, N, N, N], cols.Col("signal").Cells());
        Assert.Equal(I(12), cols.Col("duration_ms")[2]);
        Assert.Equal(I(36), cols.Col("stdout_bytes")[2]);
        Assert.Equal(I(0), cols.Col("stderr_bytes")[2]);
        Assert.Equal(B(true), cols.Col("truncated")[2]);
        Assert.Equal(I(4242), cols.Col("pid")[1]);
        Assert.Equal([I(0), I(1), I(2), I(3)], cols.Col("seq").Cells());
        Assert.Equal(ColumnRole.Sequence, cols.Col("seq").RoleHint);
        Assert.Equal(ColumnRole.Identifier, cols.Col("prev").RoleHint);
    }

    [Fact]
    public void EmptyArgvWordsKeepTheirSeparators()
    {
        string line = "{\"event\":\"denial\",\"ts_unix_ms\":1,\"request_id\":\"r\",\"agent_id\":\"a\",\"machine_id\":\"m\",\"argv\":[\"\",\"x\",\"\",\"y\"],\"reason\":\"argv_not_allowed\",\"seq\":0,\"prev\":\"" + Z64 + "\"}\n";
        var cols = Parse(_audit, line);
        Assert.Equal(S(" x  y"), cols.Col("argv")[0]);
        Assert.Equal(S(""), cols.Col("argv0")[0]);
    }

    [Fact]
    public void GapIsSecondsBetweenAttemptsOnly()
    {
        // request at …600.000, denial at …601.500; then a second request 0.25 s after the denial.
        string text = Lines()
            + "{\"event\":\"request\",\"ts_unix_ms\":1767225601750,\"request_id\":\"r3\",\"agent_id\":\"aa\",\"machine_id\":\"mm\",\"argv\":[\"/bin/ls\"],\"matched_acl\":null,\"stdin_bytes\":0,\"timeout_ms\":5000,\"seq\":4,\"prev\":\"h4\"}\n"
            + "{\"event\":\"warning\",\"ts_unix_ms\":1767225601760,\"request_id\":\"r3\",\"kind\":\"cancelled\",\"bytes\":null,\"seq\":5,\"prev\":\"h5\"}\n";
        var cols = Parse(_audit, text);
        Assert.Equal([N, N, N, F(1.5), F(0.25), N], cols.Col("gap_s").Cells());
        Assert.Equal([N, N, N, N, N, S("cancelled")], cols.Col("kind").Cells());
        Assert.Equal([S("alice local e2e"), N, N, N, N, N], cols.Col("matched_acl").Cells());
    }

    [Fact]
    public void SniffIsStrongOnTheChainShapeAndBeatsNdjson()
    {
        Assert.Equal(SniffConfidence.Strong, _audit.Sniff(Utf8(Lines())));
        Assert.Equal(SniffConfidence.None, _audit.Sniff(Utf8("{\"event\":\"x\",\"seq\":\"1\",\"prev\":\"p\"}\n")));
        Assert.Equal(SniffConfidence.None, _audit.Sniff(Utf8("{\"event\":\"x\",\"seq\":1}\n{\"a\":1}\n")));
        Assert.Equal("vigil-audit", FormatResolver.Resolve("-", Utf8(Lines())).Parser.Id);
        Assert.Equal("vigil-audit", FormatResolver.Normalize("-", Utf8(Lines())).Format);
        Assert.Equal("vigil-audit", FormatResolver.Normalize("audit.log", Utf8(Lines())).Format);
    }

    [Fact]
    public void SamplesParseAndBeaconIsMetronomic()
    {
        var mixed = _audit.Parse(Sample("vigil-audit.jsonl"));
        Assert.Contains("exit", mixed.Col("event").Strings);
        Assert.Contains("denial", mixed.Col("event").Strings);
        double[] ts = _audit.Parse(Sample("vigil-audit-beacon.jsonl")).Col("ts").Numeric();
        Assert.True(ts.Length >= 21);
        double[] deltas = ts.Zip(ts.Skip(1), (a, b) => b - a).ToArray();
        Assert.All(deltas, d => Assert.InRange(d, 59.6, 60.4));
    }

    [Fact]
    public void TruncatedLastLineNamesIt()
    {
        string text = Lines() + "{\"event\":\"exit\",\"ts_unix_ms\":17";
        var e = Assert.Throws<FormatParseException>(() => Parse(_audit, text));
        Assert.Equal("vigil-audit", e.Format);
        Assert.Equal(5, e.Line);
    }

    [Fact]
    public void NonObjectLineIsAnError()
    {
        var e = Assert.Throws<FormatParseException>(() => Parse(_audit, Lines() + "[1]\n"));
        Assert.Equal(5, e.Line);
    }
}
