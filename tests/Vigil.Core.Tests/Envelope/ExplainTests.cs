using Vigil.Core.Columns;
using Vigil.Core.Envelope;
using Vigil.Core.Findings;
using Vigil.Core.Handles;
using Vigil.Core.Text;
using Vigil.Core.Values;

namespace Vigil.Core.Tests.Envelope;

public sealed class ExplainTests
{
    private static string ValueJson(Value v)
    {
        var w = new JsonWriter();
        ContractJson.WriteValue(w, v);
        return w.ToString();
    }

    [Fact]
    public void Value_json_is_adjacently_tagged()
    {
        Assert.Equal("{\"t\":\"null\"}", ValueJson(Value.Null));
        Assert.Equal("{\"t\":\"bool\",\"v\":true}", ValueJson(Value.FromBool(true)));
        Assert.Equal("{\"t\":\"int\",\"v\":5}", ValueJson(Value.FromInt(5)));
        Assert.Equal("{\"t\":\"float\",\"v\":1.5}", ValueJson(Value.FromFloat(1.5)));
        Assert.Equal("{\"t\":\"float\",\"v\":2.0}", ValueJson(Value.FromFloat(2)));
        Assert.Equal("{\"t\":\"str\",\"v\":\"x\\\"y\"}", ValueJson(Value.FromString("x\"y")));
    }

    private static RecordSet Corpus()
    {
        var a = new ColumnBuilder("amount");
        var n = new ColumnBuilder("name");
        var dup = new ColumnBuilder("amount");
        long[] amounts = [10, 11, 9999];
        for (int i = 0; i < 3; i++)
        {
            a.AppendInt(amounts[i]);
            if (i == 1)
            {
                n.AppendNull();
            }
            else
            {
                n.AppendString("n" + i);
            }

            dup.AppendFloat(i + 0.5);
        }

        return new RecordSet("-", "csv", [a.Build(), n.Build(), dup.Build()]);
    }

    [Fact]
    public void Cell_evidence_and_matching_findings_in_emission_order()
    {
        Handle h = Handle.ForCell("amount", 2);
        Finding f1 = Finding.Create("point.modz", AnomalyClass.Point, h, 1.0, 4.5, "r1", ColumnType.Int);
        Finding other = Finding.Create("point.modz", AnomalyClass.Point, Handle.ForCell("amount", 1), 1.0, 4.5, "r0", ColumnType.Int);
        Finding f2 = Finding.Create("ctx.seasonal", AnomalyClass.Contextual, h, 0.5, 3.5, "r2");
        string json = ExplainDocument.Build(Corpus(), "cell:amount:+2", h, [f2, other, f1]);
        Assert.Equal(
            "{\"protocol\":\"anomalyx/tq1\",\"handle\":\"cell:amount:+2\",\"evidence\":{\"kind\":\"cell\",\"column\":\"amount\",\"row\":2,\"value\":{\"t\":\"int\",\"v\":9999},\"column_type\":\"int\"}," +
            "\"findings\":[{\"detector\":\"ctx.seasonal\",\"class\":\"contextual\",\"handle\":{\"kind\":\"cell\",\"column\":\"amount\",\"row\":2},\"confidence\":0.5,\"severity\":\"low\",\"score\":3.5,\"reason\":\"r2\"}," +
            "{\"detector\":\"point.modz\",\"class\":\"point\",\"handle\":{\"kind\":\"cell\",\"column\":\"amount\",\"row\":2},\"confidence\":1.0,\"severity\":\"critical\",\"score\":4.5,\"reason\":\"r1\",\"col_type\":\"int\"}]}\n",
            json);
    }

    [Fact]
    public void Column_and_dist_evidence_are_both_kind_column()
    {
        string expected = "\"evidence\":{\"kind\":\"column\",\"column\":\"name\",\"type\":\"str\",\"len\":3,\"nulls\":1}";
        Assert.Contains(expected, ExplainDocument.Build(Corpus(), "col:name", Handle.ForColumn("name"), []), StringComparison.Ordinal);
        string dist = ExplainDocument.Build(Corpus(), "dist:name", Handle.ForDist("name"), [Finding.Create("struct.schema", AnomalyClass.Structural, Handle.ForColumn("name"), 0.7, 0, "x")]);
        Assert.Contains(expected, dist, StringComparison.Ordinal);
        // col:name ≠ dist:name, so the structural finding is not attached.
        Assert.EndsWith("\"findings\":[]}\n", dist, StringComparison.Ordinal);
    }

    [Fact]
    public void Range_evidence_lists_the_half_open_cells()
    {
        string json = ExplainDocument.Build(Corpus(), "range:name:0:2", Handle.ForRange("name", 0, 2), []);
        Assert.Contains("\"evidence\":{\"kind\":\"range\",\"column\":\"name\",\"start\":0,\"end\":2,\"values\":[{\"t\":\"str\",\"v\":\"n0\"},{\"t\":\"null\"}]}", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Row_evidence_keeps_first_position_and_last_value_of_duplicate_names()
    {
        string json = ExplainDocument.Build(Corpus(), "row:0", Handle.ForRow(0), []);
        Assert.Contains("\"evidence\":{\"kind\":\"row\",\"row\":0,\"cells\":{\"amount\":{\"t\":\"float\",\"v\":0.5},\"name\":{\"t\":\"str\",\"v\":\"n0\"}}}", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Handle_json_shapes()
    {
        static string H(Handle h)
        {
            var w = new JsonWriter();
            ContractJson.WriteHandle(w, h);
            return w.ToString();
        }

        Assert.Equal("{\"kind\":\"column\",\"name\":\"a\"}", H(Handle.ForColumn("a")));
        Assert.Equal("{\"kind\":\"dist\",\"column\":\"a\"}", H(Handle.ForDist("a")));
        Assert.Equal("{\"kind\":\"range\",\"column\":\"a\",\"start\":1,\"end\":4}", H(Handle.ForRange("a", 1, 4)));
        Assert.Equal("{\"kind\":\"row\",\"row\":3}", H(Handle.ForRow(3)));
    }

    [Fact]
    public void Unresolvable_handle_is_refused() =>
        Assert.Throws<ArgumentException>(() => ExplainDocument.Build(Corpus(), "row:3", Handle.ForRow(3), []));

    [Fact]
    public void Describe_document_layout()
    {
        var config = new System.Text.Json.Nodes.JsonObject { ["point_threshold"] = 3.5, ["point_min_n"] = 8, ["point_fdr_q"] = null, ["coll_threshold"] = 5.0 };
        string text = DescribeDocument.Render("vigil", [new("scan", "s")], ["csv"], ["point.modz"], config, "cfg");
        Assert.StartsWith("{\n  \"protocol\": \"anomalyx/tq1\",\n  \"tool\": \"vigil\",\n", text, StringComparison.Ordinal);
        Assert.Contains("\"config\": {\n    \"point_threshold\": 3.5,\n    \"point_min_n\": 8,\n    \"point_fdr_q\": null,\n    \"coll_threshold\": 5.0\n  },\n  \"config_version\": \"cfg\",\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\"determinism\": \"Same input + same config_version yields byte-identical output.\"\n}\n", text, StringComparison.Ordinal);
        Assert.Contains("\"exit_codes\": {\n    \"clean\": 0,\n    \"anomalies\": 1,\n    \"error\": 2\n  }", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Parsed_json_numbers_keep_their_text()
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse("{\"a\":5.0,\"b\":8,\"c\":1e-9,\"d\":null,\"e\":\"s\",\"f\":[true,false]}");
        var w = new JsonWriter();
        w.Node(node);
        Assert.Equal("{\"a\":5.0,\"b\":8,\"c\":1e-9,\"d\":null,\"e\":\"s\",\"f\":[true,false]}", w.ToString());
    }
}
