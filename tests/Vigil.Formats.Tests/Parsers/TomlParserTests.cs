using CsCheck;
using Vigil.Formats.Parsers;
using static Vigil.Formats.Tests.TestData;

namespace Vigil.Formats.Tests.Parsers;

public sealed class TomlParserTests
{
    private readonly TomlParser _toml = new();

    [Fact]
    public void SniffNeedsANonEmptyValidDocument()
    {
        Assert.Equal(SniffConfidence.Strong, _toml.Sniff(Utf8("[server]\nhost = \"x\"\n")));
        Assert.Equal(SniffConfidence.None, _toml.Sniff(Utf8("[db]\nhost = localhost\n")));
        Assert.Equal(SniffConfidence.None, _toml.Sniff(Utf8("# only a comment\n")));
        Assert.Equal(SniffConfidence.Strong, _toml.Sniff(Real("toml/calamine-Cargo.toml")));
    }

    [Fact]
    public void SniffLooksPastBlankAndCommentLines()
    {
        Assert.Equal(SniffConfidence.Strong, _toml.Sniff(Utf8("\uFEFF\r\n  \t\n# c\n   # c2\n\ttitle = \"x\"\r\n")));
        Assert.Equal(SniffConfidence.Strong, _toml.Sniff(Utf8("\n\n  [a.b]\nk = 1\n")));
        Assert.Equal(SniffConfidence.None, _toml.Sniff(Utf8("ts,host,latency_ms\n1,h0,2.5\n")));
        bool doubleBomParses = Tomlyn.TomlSerializer.Deserialize<Tomlyn.Model.TomlTable>("\uFEFF[t]\nk = 1\n") is { Count: > 0 };
        Assert.Equal(doubleBomParses ? SniffConfidence.Strong : SniffConfidence.None, _toml.Sniff([0xEF, 0xBB, 0xBF, .. Utf8("\uFEFF[t]\nk = 1\n")]));
    }

    [Fact]
    public void SniffShortcutNeverChangesTheVerdictOfTheFullParse()
    {
        // Documents from lines TOML accepts and lines it does not, in any order: the sniff must agree with parsing
        // the whole document, whatever the first line looks like.
        string[] pieces = ["", "  ", "\t", "# c", "  # c", "a = 1", "b=\"x\"", "\"q k\" = 2", "[t]", " [u.v] ", "[[arr]]", "x,y,z", "1,2", "key", "= 3", "c = [1,", "2]", "\r", "d = \"\"\"", "multi", "\"\"\"", "\uFEFF[w]", "\uFEFFz = 1", "\f", "\u00A0e = 1"];
        Gen.Int[0, pieces.Length - 1].Array[0, 8].Sample(ix =>
        {
            string doc = string.Join("\n", ix.Select(i => pieces[i]));
            bool parses;
            try
            {
                parses = Tomlyn.TomlSerializer.Deserialize<Tomlyn.Model.TomlTable>(doc) is { Count: > 0 };
            }
            catch (Exception)
            {
                parses = false;
            }

            Assert.Equal(parses ? SniffConfidence.Strong : SniffConfidence.None, _toml.Sniff(Utf8(doc)));
        }, iter: 2000);
    }

    [Fact]
    public void SniffWinsNoOtherFormatsSample() => SniffCorpus.AssertClaimsNoOtherSample("toml", "toml/", "samples/exec-acl.toml", "samples/toml-");

    [Fact]
    public void ExtensionResolvesToToml() => Assert.Equal("toml", FormatResolver.ByExtension("Cargo.toml")?.Id);

    [Fact]
    public void OneRowWithTypedValuesAndCanonicalTables()
    {
        var cols = Parse(_toml, "title = \"t\"\nn = 7\nx = nan\nok = true\nwhen = 1979-05-27T07:32:00Z\nlist = [1, \"a\"]\n[server]\nport = 8080\nhost = \"localhost\"\n");
        Assert.Equal(["list", "n", "ok", "server", "title", "when", "x"], cols.Names());
        Assert.Equal(S("t"), cols.Col("title")[0]);
        Assert.Equal(I(7), cols.Col("n")[0]);
        Assert.Equal(N, cols.Col("x")[0]);
        Assert.Equal(B(true), cols.Col("ok")[0]);
        Assert.Equal(S("1979-05-27T07:32:00Z"), cols.Col("when")[0]);
        Assert.Equal(S("[1,\"a\"]"), cols.Col("list")[0]);
        Assert.Equal(S("{\"host\":\"localhost\",\"port\":8080}"), cols.Col("server")[0]);
    }

    [Fact]
    public void RealCargoManifest()
    {
        var cols = _toml.Parse(Real("toml/calamine-Cargo.toml"));
        Assert.Equal(["bench", "dependencies", "dev-dependencies", "example", "features", "package"], cols.Names()[..6]);
        Assert.Equal(S("[{\"harness\":false,\"name\":\"basic\"}]"), cols.Col("bench")[0]);
        Assert.Equal(S("{\"chrono\":[\"dep:chrono\"],\"dates\":[\"chrono\"],\"default\":[],\"picture\":[]}"), cols.Col("features")[0]);
    }

    [Fact]
    public void InvalidTomlFailsNamingTheLine()
    {
        var e = Assert.Throws<FormatParseException>(() => Parse(_toml, "a = 1\nb = \n"));
        Assert.Equal("toml", e.Format);
        Assert.Equal(2, e.Line);
    }
}
