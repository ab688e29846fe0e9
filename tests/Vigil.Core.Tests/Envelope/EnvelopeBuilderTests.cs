using System.Text.Json;
using CsCheck;
using Vigil.Core.Columns;
using Vigil.Core.Envelope;
using Vigil.Core.Findings;
using Vigil.Core.Handles;

namespace Vigil.Core.Tests.Envelope;

public sealed class EnvelopeBuilderTests
{
    private static readonly RecordSet Corpus = MakeCorpus();

    private static RecordSet MakeCorpus()
    {
        var b = new ColumnBuilder("x");
        for (int i = 0; i < 12; i++)
        {
            b.AppendInt(i % 3);
        }

        return new RecordSet("in.csv", "csv", [b.Build()]);
    }

    private static Finding F(double confidence, AnomalyClass c, Handle h, string detector = "d") =>
        Finding.Create(detector, c, h, confidence, 1.0, "r" + h);

    private static JsonElement Parse(ScanEnvelope e) => JsonDocument.Parse(e.Json).RootElement;

    [Fact]
    public void Empty_report_is_clean_with_null_max_severity_and_no_scope()
    {
        ScanEnvelope e = EnvelopeBuilder.Build(Corpus, "cfg", null, [], [], OutputScope.None);
        JsonElement j = Parse(e);
        Assert.Equal(0, e.Exit);
        Assert.Equal(0, j.GetProperty("exit").GetInt32());
        Assert.Equal(JsonValueKind.Null, j.GetProperty("summary").GetProperty("max_severity").ValueKind);
        Assert.False(j.TryGetProperty("scope", out _));
        Assert.False(j.TryGetProperty("baseline", out _));
        Assert.Equal(0, j.GetProperty("dict").GetArrayLength());
        Assert.Equal(12, j.GetProperty("rows_scanned").GetInt32());
        Assert.EndsWith("}\n", e.Json, StringComparison.Ordinal);
    }

    [Fact]
    public void Field_order_is_the_contract_order_with_baseline_and_scope()
    {
        ScanEnvelope e = EnvelopeBuilder.Build(Corpus, "cfg", "base.csv", [F(0.9, AnomalyClass.Point, Handle.ForCell("x", 1))], [new("dist.ks", "why")], new OutputScope(Severity.Low, 5));
        string[] keys = Parse(e).EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["protocol", "config_version", "source", "format", "baseline", "rows_scanned", "dict", "columns", "rows", "absent", "roles", "summary", "scope", "exit"], keys);
        Assert.Contains("\"scope\":{\"min_severity\":\"low\",\"top\":5,\"detected\":1,\"emitted\":1,\"dropped\":0}", e.Json, StringComparison.Ordinal);
    }

    [Fact]
    public void Sort_is_severity_desc_then_class_handle_detector()
    {
        Finding[] input =
        [
            F(0.5, AnomalyClass.Point, Handle.ForCell("x", 9)),
            F(0.99, AnomalyClass.Structural, Handle.ForColumn("x")),
            F(0.99, AnomalyClass.Cadence, Handle.ForColumn("x")),
            F(0.5, AnomalyClass.Point, Handle.ForCell("x", 10)),
            F(0.5, AnomalyClass.Point, Handle.ForCell("x", 10), "a"),
        ];
        Finding[] sorted = FindingOrder.Sort(input);
        Assert.Equal([input[2], input[1], input[4], input[3], input[0]], sorted);
    }

    [Fact]
    public void Full_ties_keep_the_detectors_emission_order()
    {
        // Reference §3.2 step 1: a stable sort; findings equal on severity, class, handle and detector stay in
        // emission order (here only the reasons differ).
        Handle h = Handle.ForCell("x", 4);
        Finding first = Finding.Create("d", AnomalyClass.Point, h, 0.7, 1.0, "first");
        Finding second = Finding.Create("d", AnomalyClass.Point, h, 0.7, 2.0, "second");
        Finding third = Finding.Create("d", AnomalyClass.Point, h, 0.7, 3.0, "third");
        Assert.Equal([first, second, third], FindingOrder.Sort([first, second, third]));
        Assert.Equal([third, first, second], FindingOrder.Sort([third, first, second]));
        ScanEnvelope e = EnvelopeBuilder.Build(Corpus, "cfg", null, [second, first], [], OutputScope.None);
        // dict interning follows the emitted order: d, point, cell:x:4, medium, then the reasons as they come.
        Assert.Equal(["d", "point", "cell:x:4", "medium", "second", "first"], Parse(e).GetProperty("dict").EnumerateArray().Select(d => d.GetString()));
    }

    [Fact]
    public void Max_severity_is_the_highest_detected_in_any_report_order_and_scope()
    {
        // Reference §3.2 steps 2 and 6: max_severity is over all detected findings; scoping never lowers it.
        Finding low = F(0.5, AnomalyClass.Point, Handle.ForCell("x", 1));
        Finding critical = F(0.99, AnomalyClass.Structural, Handle.ForColumn("x"));
        Finding medium = F(0.7, AnomalyClass.Cadence, Handle.ForColumn("x"));
        Finding[][] orders = [[low, critical, medium], [medium, low, critical], [critical, medium, low]];
        foreach (Finding[] order in orders)
        {
            ScanEnvelope e = EnvelopeBuilder.Build(Corpus, "cfg", null, order, [], new OutputScope(null, 0));
            Assert.Equal(Severity.Critical, e.MaxSeverity);
            Assert.Equal("critical", Parse(e).GetProperty("summary").GetProperty("max_severity").GetString());
            Assert.Empty(e.Emitted);
        }

        ScanEnvelope lowOnly = EnvelopeBuilder.Build(Corpus, "cfg", null, [low, medium], [], OutputScope.None);
        Assert.Equal("medium", Parse(lowOnly).GetProperty("summary").GetProperty("max_severity").GetString());
    }

    [Fact]
    public void Handles_compare_by_utf8_bytes_not_utf16_units()
    {
        // U+FF5E (3 UTF-8 bytes EF BD 9E) sorts before U+1F600 (F0 …) in UTF-8, after it in UTF-16.
        Assert.True(FindingOrder.CompareUtf8("col:\uFF5E", "col:\U0001F600") < 0);
        Assert.True(FindingOrder.CompareUtf8("col:a", "col:ab") < 0);
        Assert.Equal(0, FindingOrder.CompareUtf8("x", "x"));
    }

    [Fact]
    public void Top_keeps_the_most_severe_but_summary_and_exit_count_everything()
    {
        Finding[] fs = [F(0.5, AnomalyClass.Point, Handle.ForCell("x", 1)), F(0.99, AnomalyClass.Point, Handle.ForCell("x", 2)), F(0.7, AnomalyClass.Collective, Handle.ForRange("x", 0, 3))];
        ScanEnvelope e = EnvelopeBuilder.Build(Corpus, "cfg", null, fs, [], new OutputScope(null, 1));
        JsonElement j = Parse(e);
        Assert.Single(e.Emitted);
        Assert.Equal(fs[1], e.Emitted[0]);
        Assert.Equal(1, j.GetProperty("rows").GetArrayLength());
        Assert.Equal(3, j.GetProperty("summary").GetProperty("total").GetInt32());
        Assert.Equal(1, j.GetProperty("exit").GetInt32());
        JsonElement scope = j.GetProperty("scope");
        Assert.Equal((3, 1, 2), (scope.GetProperty("detected").GetInt32(), scope.GetProperty("emitted").GetInt32(), scope.GetProperty("dropped").GetInt32()));
        Assert.False(scope.TryGetProperty("min_severity", out _));
    }

    [Fact]
    public void Min_severity_keeps_high_and_above()
    {
        Finding[] fs = [F(0.99, AnomalyClass.Point, Handle.ForCell("x", 1)), F(0.9, AnomalyClass.Point, Handle.ForCell("x", 2)), F(0.5, AnomalyClass.Point, Handle.ForCell("x", 3))];
        ScanEnvelope e = EnvelopeBuilder.Build(Corpus, "cfg", null, fs, [], new OutputScope(Severity.High, null));
        Assert.Equal(2, e.Emitted.Count);
        Assert.Contains("\"detected\":3,\"emitted\":2,\"dropped\":1", e.Json, StringComparison.Ordinal);
    }

    [Fact]
    public void Scoping_to_nothing_never_flips_exit()
    {
        ScanEnvelope e = EnvelopeBuilder.Build(Corpus, "cfg", null, [F(0.5, AnomalyClass.Point, Handle.ForCell("x", 1))], [], new OutputScope(Severity.Critical, null));
        JsonElement j = Parse(e);
        Assert.Equal(1, e.Exit);
        Assert.Equal("low", j.GetProperty("summary").GetProperty("max_severity").GetString());
        Assert.Equal(0, j.GetProperty("rows").GetArrayLength());
        Assert.Equal(0, j.GetProperty("dict").GetArrayLength());
    }

    [Fact]
    public void Dict_interns_per_emitted_row_in_field_order_and_rows_hold_floats()
    {
        Finding a = Finding.Create("point.modz", AnomalyClass.Point, Handle.ForCell("x", 1), 1.0, 7.0, "same");
        Finding b = Finding.Create("point.modz", AnomalyClass.Point, Handle.ForCell("x", 2), 1.0, 8.0, "same");
        ScanEnvelope e = EnvelopeBuilder.Build(Corpus, "cfg", null, [b, a], [], OutputScope.None);
        Assert.Contains("\"dict\":[\"point.modz\",\"point\",\"cell:x:1\",\"critical\",\"same\",\"cell:x:2\"]", e.Json, StringComparison.Ordinal);
        Assert.Contains("\"rows\":[[0,1,2,1.0,3,7.0,4],[0,1,5,1.0,3,8.0,4]]", e.Json, StringComparison.Ordinal);
    }

    [Fact]
    public void By_class_lists_all_seven_classes_in_order()
    {
        ScanEnvelope e = EnvelopeBuilder.Build(Corpus, "cfg", null, [F(0.5, AnomalyClass.Cadence, Handle.ForColumn("x")), F(0.5, AnomalyClass.Cadence, Handle.ForColumn("y"))], [], OutputScope.None);
        JsonElement byClass = Parse(e).GetProperty("summary").GetProperty("by_class");
        Assert.Equal(["point", "contextual", "collective", "distributional", "structural", "multivariate", "cadence"], byClass.EnumerateArray().Select(x => x.GetProperty("class").GetString()));
        Assert.Equal([0, 0, 0, 0, 0, 0, 2], byClass.EnumerateArray().Select(x => x.GetProperty("count").GetInt32()));
    }

    [Fact]
    public void Zero_columns_scan_has_zero_rows_and_no_roles()
    {
        ScanEnvelope e = EnvelopeBuilder.Build(new RecordSet("-", "csv", []), "cfg", null, [], [], OutputScope.None);
        Assert.Contains("\"rows_scanned\":0,", e.Json, StringComparison.Ordinal);
        Assert.Contains("\"roles\":[]", e.Json, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_is_independent_of_report_order()
    {
        Gen<Finding> finding = Gen.Select(Gen.Double[0, 1], Gen.Enum<AnomalyClass>(), Gen.Int[0, 30], Gen.Bool.Select(x => x ? "a" : "b"))
            .Select((c, k, r, d) => Finding.Create(d, k, Handle.ForCell("x", r), Math.Round(c, 1), r, "reason"));
        // Distinct (severity, class, handle, detector) keys: equal keys legitimately keep emission order.
        finding.Array[0, 25].Select(fs => fs.DistinctBy(f => (f.Severity, f.Class, f.Handle, f.Detector)).ToArray())
            .SelectMany(fs => Gen.Shuffle(fs.ToArray()).Select(p => (fs, p))).Sample(t =>
        {
            return EnvelopeBuilder.Build(Corpus, "cfg", null, t.fs, [], OutputScope.None).Json ==
                   EnvelopeBuilder.Build(Corpus, "cfg", null, t.p, [], OutputScope.None).Json;
        }, iter: 200);
    }
}
