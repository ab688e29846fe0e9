using Vigil.Core.Text;

namespace Vigil.Core.Tests.Text;

public sealed class JsonWriterTests
{
    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("a\"b", "\"a\\\"b\"")]
    [InlineData("back\\slash", "\"back\\\\slash\"")]
    [InlineData("l1\nl2\r\t\b\f", "\"l1\\nl2\\r\\t\\b\\f\"")]
    [InlineData("\u0000\u0001\u001f", "\"\\u0000\\u0001\\u001f\"")]
    [InlineData("\u001b[0m", "\"\\u001b[0m\"")]
    [InlineData("a/b", "\"a/b\"")]
    [InlineData("\u007f", "\"\u007f\"")]
    [InlineData("≥ é 漢 😀", "\"≥ é 漢 😀\"")]
    public void Strings_escape_like_serde_json(string input, string expected) => Assert.Equal(expected, JsonString.Quote(input));

    [Fact]
    public void Compact_layout_has_no_whitespace()
    {
        var w = new JsonWriter();
        w.BeginObject();
        w.Property("a", 1);
        w.PropertyName("b");
        w.BeginArray();
        w.Float(1.0);
        w.Null();
        w.BeginArray();
        w.EndArray();
        w.EndArray();
        w.PropertyName("c");
        w.BeginObject();
        w.EndObject();
        w.Property("d", true);
        w.EndObject();
        Assert.Equal("{\"a\":1,\"b\":[1.0,null,[]],\"c\":{},\"d\":true}", w.ToString());
    }

    [Fact]
    public void Pretty_layout_matches_serde_pretty_formatter()
    {
        var w = new JsonWriter(pretty: true);
        w.BeginObject();
        w.Property("protocol", "anomalyx/tq1");
        w.PropertyName("list");
        w.StringArray(["x", "y"]);
        w.PropertyName("empty");
        w.StringArray([]);
        w.PropertyName("obj");
        w.BeginObject();
        w.PropertyFloat("f", 5.0);
        w.PropertyName("n");
        w.Null();
        w.EndObject();
        w.EndObject();
        string expected = "{\n  \"protocol\": \"anomalyx/tq1\",\n  \"list\": [\n    \"x\",\n    \"y\"\n  ],\n  \"empty\": [],\n  \"obj\": {\n    \"f\": 5.0,\n    \"n\": null\n  }\n}";
        Assert.Equal(expected, w.ToString());
    }
}
