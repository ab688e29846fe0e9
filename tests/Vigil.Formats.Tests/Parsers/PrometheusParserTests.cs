using Vigil.Core.Columns;
using Vigil.Formats.Parsers;
using static Vigil.Formats.Tests.TestData;

namespace Vigil.Formats.Tests.Parsers;

public sealed class PrometheusParserTests
{
    private const string Exposition =
        "# HELP http_requests_total Total requests.\n"
        + "# TYPE http_requests_total counter\n"
        + "http_requests_total{method=\"post\",code=\"200\"} 1027 1395066363000\n"
        + "http_requests_total{method=\"post\",code=\"400\",}    3 1395066363000\n"
        + "\n"
        + "metric_without_timestamp_and_labels 12.47\n"
        + "something_weird{problem=\"division by zero\"} +Inf -3982045\n"
        + "msdos_file_access_time_seconds{path=\"C:\\\\DIR\\\\FILE.TXT\",error=\"Cannot find file:\\n\\\"FILE.TXT\\\"\"} 1.458255915e9\n";

    private readonly PrometheusParser _prom = new();

    [Fact]
    public void SniffDecidesOnTheFirstNonCommentLine()
    {
        Assert.Equal(SniffConfidence.Strong, _prom.Sniff(Utf8("# HELP x y\n")));
        Assert.Equal(SniffConfidence.Strong, _prom.Sniff(Utf8("## TYPE x counter\n")));
        Assert.Equal(SniffConfidence.Strong, _prom.Sniff(Utf8("# EOF\n")));
        Assert.Equal(SniffConfidence.Strong, _prom.Sniff(Utf8("# just a comment\nup{job=\"a\"} 1\n")));
        Assert.Equal(SniffConfidence.None, _prom.Sniff(Utf8("# just a comment\nup{job=\"a\" 1\n")));
        Assert.Equal(SniffConfidence.None, _prom.Sniff(Utf8("a,b\n1,2\n")));
        Assert.Equal(SniffConfidence.Strong, _prom.Sniff(Real("prometheus/node-exporter-linux-e2e.prom")));
        Assert.Equal(SniffConfidence.Strong, _prom.Sniff(Real("openmetrics/manual-histogram.om.txt")));
    }

    [Fact]
    public void SniffWinsNoOtherFormatsSample() => SniffCorpus.AssertClaimsNoOtherSample("prometheus", "prometheus/", "openmetrics/", "samples/prometheus-");

    [Fact]
    public void ExtensionResolvesToPrometheus() => Assert.Equal("prometheus", FormatResolver.ByExtension("node.prom")?.Id);

    [Fact]
    public void ExpositionExactColumns()
    {
        var cols = Parse(_prom, Exposition);
        Assert.Equal(
            ["code", "http_requests_total", "method", "timestamp", "timestamp_epoch", "metric_without_timestamp_and_labels", "problem", "something_weird", "error", "msdos_file_access_time_seconds", "path"],
            cols.Names());
        Assert.Equal([F(1027), F(3), N, N, N], cols.Col("http_requests_total").Cells());
        Assert.Equal(ColumnType.Float, cols.Col("http_requests_total").Type);
        Assert.Equal([S("200"), S("400"), N, N, N], cols.Col("code").Cells());
        Assert.Equal([I(1395066363000), I(1395066363000), N, I(-3982045), N], cols.Col("timestamp").Cells());
        Assert.Equal([F(1395066363), F(1395066363), N, F(-3982.045), N], cols.Col("timestamp_epoch").Cells());
        Assert.Equal([N, N, F(12.47), N, N], cols.Col("metric_without_timestamp_and_labels").Cells());
        Assert.Equal([N, N, N, N, N], cols.Col("something_weird").Cells());
        Assert.Equal(S("C:\\DIR\\FILE.TXT"), cols.Col("path")[4]);
        Assert.Equal(S("Cannot find file:\n\"FILE.TXT\""), cols.Col("error")[4]);
        Assert.Equal(F(1.458255915e9), cols.Col("msdos_file_access_time_seconds")[4]);
    }

    [Fact]
    public void OpenMetricsHistogramFile()
    {
        var cols = _prom.Parse(Real("openmetrics/manual-histogram.om.txt"));
        Assert.Equal(42, cols[0].Length);
        // golang_manual_histogram_seconds_bucket{address="0.0.0.0",generation="20",port="5001",le="0.005"} 0
        Assert.Equal(["address", "generation", "golang_manual_histogram_seconds_bucket", "le", "port"], cols.Names()[..5]);
        Assert.Equal(S("0.005"), cols.Col("le")[0]);
        Assert.Equal(S("5001"), cols.Col("port")[0]);
        Assert.Equal(F(0), cols.Col("golang_manual_histogram_seconds_bucket")[0]);
        // The last two samples: ..._sum{...port="5003"} 10.0 and ..._count{...} 1
        Assert.Equal(F(10), cols.Col("golang_manual_histogram_seconds_sum")[40]);
        Assert.Equal(F(1), cols.Col("golang_manual_histogram_seconds_count")[41]);
    }

    [Fact]
    public void OpenMetricsTimestampsAreSecondsAndExemplarsAreIgnored()
    {
        var cols = Parse(_prom, "# TYPE a counter\na_total{x=\"1\"} 3 # {trace=\"t\"} 0.5 1.5\na_total{x=\"2\"} 4 1520879607.789\n# EOF\n");
        Assert.Equal([N, I(1520879607789)], cols.Col("timestamp").Cells());
        Assert.Equal([N, F(1520879607.789)], cols.Col("timestamp_epoch").Cells());
        Assert.Equal([F(3), F(4)], cols.Col("a_total").Cells());
        // The exemplars file carries exemplars after most bucket values.
        Assert.Equal(53, _prom.Parse(Real("openmetrics/client-golang-example-exemplars.om.txt"))[0].Length);
    }

    [Theory]
    [InlineData("{a=\"b\"} 1", "expected metric name")]
    [InlineData("m{a=\"b\" 1", "unterminated label set")]
    [InlineData("m{a=\"b\"}", "missing metric value")]
    [InlineData("m{a=\"b\"} one", "invalid metric value 'one'")]
    [InlineData("m 1 12.5", "invalid timestamp '12.5'")]
    public void MalformedSamplesFailNamingTheLine(string line, string message)
    {
        var e = Assert.Throws<FormatParseException>(() => Parse(_prom, "# TYPE m gauge\nok 1\n" + line + "\n"));
        Assert.Equal("prometheus", e.Format);
        Assert.Equal(3, e.Line);
        Assert.Equal(message, e.Detail[(e.Detail.IndexOf(": ", StringComparison.Ordinal) + 2)..]);
    }
}
