using Vigil.Formats.Parsers;
using static Vigil.Formats.Tests.TestData;

namespace Vigil.Formats.Tests.Parsers;

public sealed class YamlParserTests
{
    private readonly YamlParser _yaml = new();

    [Theory]
    [InlineData("---\n")]
    [InlineData("# comment\n\n--- !tag\n")]
    [InlineData("apiVersion: v1\n")]
    [InlineData("name:\n  x: 1\n")]
    [InlineData("- a\n")]
    [InlineData("-\n")]
    public void SniffClaimsYamlStarts(string text) => Assert.Equal(SniffConfidence.Text, _yaml.Sniff(Utf8(text)));

    [Theory]
    [InlineData("a=1\n")]
    [InlineData("key:value\n")]
    [InlineData("http://x: y\n")]
    [InlineData("-x\n")]
    public void SniffRejectsOtherText(string text) => Assert.Equal(SniffConfidence.None, _yaml.Sniff(Utf8(text)));

    [Fact]
    public void SniffWinsNoOtherFormatsSample() => SniffCorpus.AssertClaimsNoOtherSample("yaml", "yaml-k8s/", "samples/yaml-");

    [Theory]
    [InlineData("deploy.yaml")]
    [InlineData("deploy.yml")]
    public void ExtensionsResolveToYaml(string name) => Assert.Equal("yaml", FormatResolver.ByExtension(name)?.Id);

    [Fact]
    public void ReferencePins()
    {
        Assert.Equal(I(3), Parse(_yaml, "apiVersion: apps/v1\nkind: Deployment\nreplicas: 3").Col("replicas")[0]);
        var two = Parse(_yaml, "kind: A\nfoo: 1\n---\nkind: B");
        Assert.Equal([S("A"), S("B")], two.Col("kind").Cells());
        Assert.Equal([I(1), N], two.Col("foo").Cells());
        Assert.Equal([I(1), I(2)], Parse(_yaml, "- x: 1\n- x: 2").Col("x").Cells());
        Assert.Single(Parse(_yaml, "kind: A\n---\n").Col("kind").Cells());
        Assert.Empty(Parse(_yaml, "---\n...\n"));
    }

    [Fact]
    public void ScalarsResolveByTheCoreSchema()
    {
        var cols = Parse(_yaml, "a: ~\nb: True\nc: '12'\nd: 0x1F\ne: 1.5e3\nf: .inf\ng: \"true\"\nh: !!str 7\ni: [1, {j: null}]\n");
        Assert.Equal(N, cols.Col("a")[0]);
        Assert.Equal(B(true), cols.Col("b")[0]);
        Assert.Equal(S("12"), cols.Col("c")[0]);
        Assert.Equal(I(31), cols.Col("d")[0]);
        Assert.Equal(F(1500), cols.Col("e")[0]);
        Assert.Equal(N, cols.Col("f")[0]);
        Assert.Equal(S("true"), cols.Col("g")[0]);
        Assert.Equal(S("7"), cols.Col("h")[0]);
        Assert.Equal(S("[1,{\"j\":null}]"), cols.Col("i")[0]);
    }

    [Fact]
    public void RealGuestbookManifests()
    {
        var cols = _yaml.Parse(Real("yaml-k8s/guestbook-all-in-one.yaml"));
        Assert.Equal(["apiVersion", "kind", "metadata", "spec"], cols.Names());
        Assert.Equal(6, cols.Col("kind").Length);
        Assert.Equal([S("Service"), S("Deployment")], cols.Col("kind").Cells()[..2]);
        Assert.Equal(S("{\"name\":\"redis-master\",\"labels\":{\"app\":\"redis\",\"tier\":\"backend\",\"role\":\"master\"}}"), cols.Col("metadata")[0]);
        Assert.Equal(S("{\"ports\":[{\"port\":6379,\"targetPort\":6379}],\"selector\":{\"app\":\"redis\",\"tier\":\"backend\",\"role\":\"master\"}}"), cols.Col("spec")[0]);
    }

    [Fact]
    public void InvalidYamlFailsNamingTheLine()
    {
        var e = Assert.Throws<FormatParseException>(() => Parse(_yaml, "a: b: c"));
        Assert.Equal("yaml", e.Format);
        Assert.Equal(1, e.Line);
        Assert.Equal(2, Assert.Throws<FormatParseException>(() => Parse(_yaml, "a: 1\n1: x\n")).Line);
    }

    [Fact]
    public void AliasBombIsBounded()
    {
        var text = new System.Text.StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 0; i < 8; i++)
        {
            text.Append((char)('b' + i)).Append(": &").Append((char)('b' + i)).Append(" [*").Append((char)('a' + i));
            for (int k = 0; k < 9; k++)
            {
                text.Append(", *").Append((char)('a' + i));
            }

            text.Append("]\n");
        }

        Assert.Throws<FormatParseException>(() => Parse(_yaml, text.ToString()));
    }
}
