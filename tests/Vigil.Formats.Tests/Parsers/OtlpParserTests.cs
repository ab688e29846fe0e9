using Vigil.Core.Columns;
using Vigil.Formats.Parsers;
using static Vigil.Formats.Tests.TestData;

namespace Vigil.Formats.Tests.Parsers;

public sealed class OtlpParserTests
{
    private const string Traces =
        "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"api\"}}]},"
        + "\"scopeSpans\":[{\"scope\":{\"name\":\"lib\",\"version\":\"1.0\"},\"spans\":["
        + "{\"traceId\":\"t1\",\"spanId\":\"s1\",\"parentSpanId\":\"\",\"name\":\"GET\",\"kind\":2,\"startTimeUnixNano\":\"1000000000\",\"endTimeUnixNano\":\"1500000000\","
        + "\"attributes\":[{\"key\":\"http.status\",\"value\":{\"intValue\":\"200\"}},{\"key\":\"name\",\"value\":{\"stringValue\":\"shadowed\"}},{\"key\":\"ratio\",\"value\":{\"doubleValue\":0.5}},{\"key\":\"tags\",\"value\":{\"arrayValue\":{\"values\":[{\"stringValue\":\"a\"}]}}}],"
        + "\"status\":{\"code\":1}},"
        + "{\"traceId\":\"t1\",\"spanId\":\"s2\",\"parentSpanId\":\"s1\",\"name\":\"SELECT\",\"kind\":3,\"startTimeUnixNano\":1100000000,\"endTimeUnixNano\":1900000000,\"status\":{\"code\":2,\"message\":\"boom\"}}"
        + "]}]}]}";

    private readonly OtlpParser _otlp = new();

    [Fact]
    public void SniffClaimsAnyOtlpSignal()
    {
        Assert.Equal(SniffConfidence.Strong, _otlp.Sniff(Utf8(Traces)));
        Assert.Equal(SniffConfidence.Strong, _otlp.Sniff(Utf8("{\"resourceLogs\":[]}\n{\"resourceMetrics\":[]}\n")));
        Assert.Equal(SniffConfidence.None, _otlp.Sniff(Utf8("{\"resourceSpans\":{}}")));
        Assert.Equal(SniffConfidence.None, _otlp.Sniff(Utf8("{\"resourceSpans\":[]")));
        Assert.Equal(SniffConfidence.None, _otlp.Sniff(Utf8("{\"a\":1}")));
        foreach (string f in new[] { "otlp-proto-example-trace.json", "otlp-proto-example-logs.json", "otlp-proto-example-metrics.json", "otel-js-sdk-2.12-otlp-http-traces.jsonl" })
        {
            Assert.Equal(SniffConfidence.Strong, _otlp.Sniff(Real("otlp-json/" + f)));
        }
    }

    [Fact]
    public void SniffWinsNoOtherFormatsSample() => SniffCorpus.AssertClaimsNoOtherSample("otlp", "otlp-json/", "samples/otlp-");

    [Fact]
    public void ExtensionResolvesToOtlp() => Assert.Equal("otlp", FormatResolver.ByExtension("export.otlp")?.Id);

    [Fact]
    public void SpansExactColumns()
    {
        var cols = Parse(_otlp, Traces);
        Assert.Equal(
            ["durationNanos", "endTimeUnixNano", "http.status", "kind", "name", "ratio", "resource.service.name", "scope.name", "scope.version", "signal",
             "spanId", "startTimeUnixNano", "startTimeUnixNano_epoch", "statusCode", "tags", "traceId", "parentSpanId", "statusMessage"],
            cols.Names());
        Assert.Equal([I(500000000), I(800000000)], cols.Col("durationNanos").Cells());
        Assert.Equal([S("GET"), S("SELECT")], cols.Col("name").Cells());
        Assert.Equal([N, S("s1")], cols.Col("parentSpanId").Cells());
        Assert.Equal([I(200), N], cols.Col("http.status").Cells());
        Assert.Equal([F(0.5), N], cols.Col("ratio").Cells());
        Assert.Equal([S("{\"values\":[{\"stringValue\":\"a\"}]}"), N], cols.Col("tags").Cells());
        Assert.Equal([S("api"), S("api")], cols.Col("resource.service.name").Cells());
        Assert.Equal([I(1), I(2)], cols.Col("statusCode").Cells());
        Assert.Equal([N, S("boom")], cols.Col("statusMessage").Cells());
        Assert.Equal([F(1), F(1.1)], cols.Col("startTimeUnixNano_epoch").Cells());
        Assert.Equal([S("span"), S("span")], cols.Col("signal").Cells());
    }

    [Fact]
    public void RealLogsExample()
    {
        var cols = _otlp.Parse(Real("otlp-json/otlp-proto-example-logs.json"));
        Assert.Equal(S("log"), cols.Col("signal")[0]);
        Assert.Equal(I(1544712660300000000), cols.Col("timeUnixNano")[0]);
        Assert.Equal(F(1544712660.3), cols.Col("timeUnixNano_epoch")[0]);
        Assert.Equal(I(10), cols.Col("severityNumber")[0]);
        Assert.Equal(S("Information"), cols.Col("severityText")[0]);
        Assert.Equal(S("Example log record"), cols.Col("body")[0]);
        Assert.Equal(S("5B8EFFF798038103D269B633813FC60C"), cols.Col("traceId")[0]);
        Assert.Equal(B(true), cols.Col("boolean.attribute")[0]);
        Assert.Equal(I(10), cols.Col("int.attribute")[0]);
        Assert.Equal(S("my.service"), cols.Col("resource.service.name")[0]);
        Assert.Equal(S("my.library"), cols.Col("scope.name")[0]);
    }

    [Fact]
    public void RealMetricsExampleOneRowPerDataPoint()
    {
        var cols = _otlp.Parse(Real("otlp-json/otlp-proto-example-metrics.json"));
        Assert.Equal([S("my.counter"), S("my.gauge"), S("my.histogram"), S("my.exponential.histogram")], cols.Col("name").Cells());
        Assert.Equal([S("sum"), S("gauge"), S("histogram"), S("exponentialHistogram")], cols.Col("type").Cells());
        Assert.Equal([B(true), N, N, N], cols.Col("isMonotonic").Cells());
        Assert.Equal(F(5), cols.Col("value")[0]);
        Assert.Equal(I(2), cols.Col("count")[2]);
        Assert.Equal(ColumnType.Float, cols.Col("timeUnixNano_epoch").Type);
    }

    [Fact]
    public void JsonLinesOfRequestsAreConcatenated()
    {
        var cols = _otlp.Parse(Real("otlp-json/otel-js-sdk-2.12-otlp-http-traces.jsonl"));
        Assert.Equal(3, cols[0].Length);
        // First span: "name":"SELECT cart_items","kind":3,"startTimeUnixNano":"1795447498752000000","endTimeUnixNano":"1795447498752171093"
        Assert.Equal(S("SELECT cart_items"), cols.Col("name")[0]);
        Assert.Equal(I(171093), cols.Col("durationNanos")[0]);
        Assert.Equal(S("checkout"), cols.Col("resource.service.name")[0]);
    }

    [Fact]
    public void MalformedInputFailsNamingTheLine()
    {
        var e = Assert.Throws<FormatParseException>(() => Parse(_otlp, "{\"resourceSpans\":[]}\n{\"other\":1}\n"));
        Assert.Equal("otlp", e.Format);
        Assert.Equal(2, e.Line);
        Assert.Contains("missing 'resourceSpans'", e.Message, StringComparison.Ordinal);
        Assert.Equal(3, Assert.Throws<FormatParseException>(() => Parse(_otlp, "{\"resourceSpans\":[\n\n{]}")).Line);
    }
}
