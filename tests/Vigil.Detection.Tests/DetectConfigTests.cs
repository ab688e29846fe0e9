using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Vigil.Detection.Configuration;

namespace Vigil.Detection.Tests;

public sealed class DetectConfigTests
{
    private const string DefaultVersion = "anomalyx-cfg/9;pt=3.5000;ptn=8;cr=true;pfdr=;da=0.0500;psi=0.2000;psib=10;dmn=20;snr=0.5000;mva=0.00100;mvn=20;mvr=1e-9;cxp=0;cxt=3.5000;cxm=4;cln=20;clt=5.0000;cdc=;cdcv=0.0500;cdn=20";

    [Fact]
    public void DefaultFingerprint_IsExact() => Assert.Equal(DefaultVersion, DetectConfig.Default.ConfigVersion());

    [Fact]
    public void DefaultFingerprint_MatchesDescribeGolden()
    {
        using JsonDocument golden = JsonDocument.Parse(File.ReadAllBytes(SharedData.Path("anomalyx-golden/describe.json")));
        Assert.Equal(golden.RootElement.GetProperty("config_version").GetString(), DetectConfig.Default.ConfigVersion());
    }

    [Fact]
    public void DefaultJson_MatchesDescribeGoldenConfigByteForByte()
    {
        string golden = File.ReadAllText(SharedData.Path("anomalyx-golden/describe.json"));
        Match block = Regex.Match(golden, "\"config\": (\\{[^}]*\\})");
        Assert.True(block.Success);
        string expected = Regex.Replace(block.Groups[1].Value, "\\n\\s*", string.Empty).Replace("\": ", "\":", StringComparison.Ordinal);

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            DetectConfig.Default.WriteJson(writer);
        }

        Assert.Equal(expected, Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void FieldOrder_IsTheSerializedOrder()
    {
        Assert.Equal(20, DetectConfig.FieldNames.Count);
        Assert.Equal(DetectConfig.FieldNames, DetectConfig.Default.Fields().Select(f => f.Key));
    }

    [Theory]
    [InlineData("ctx_period", "7", "cxp=7;")]
    [InlineData("cadence_column", "ts", "cdc=ts;")]
    [InlineData("cad_max_cv", "0.15", "cdcv=0.1500;")]
    [InlineData("point_fdr_q", "0.05", "pfdr=0.0500;")]
    [InlineData("column_roles", "false", "cr=false;")]
    [InlineData("point_threshold", "4", "pt=4.0000;")]
    [InlineData("mv_ridge", "0.000001", "mvr=1e-6;")]
    [InlineData("mv_alpha", "0.0001", "mva=0.00010;")]
    [InlineData("psi_bins", "+5", "psib=5;")]
    public void Set_ChangesTheFingerprint(string key, string value, string fragment)
    {
        string version = DetectConfig.Default.Apply(key, value).ConfigVersion();
        Assert.Contains(fragment, version, StringComparison.Ordinal);
        Assert.NotEqual(DefaultVersion, version);
    }

    [Fact]
    public void Set_TypedValues()
    {
        DetectConfig c = DetectConfig.Default
            .Apply("point_threshold", "4.25")
            .Apply("point_min_n", "12")
            .Apply("column_roles", "false")
            .Apply("point_fdr_q", "0.1")
            .Apply("cadence_column", "when")
            .Apply("coll_threshold", "1e1");
        Assert.Equal(4.25, c.PointThreshold);
        Assert.Equal(12UL, c.PointMinN);
        Assert.False(c.ColumnRoles);
        Assert.Equal(0.1, c.PointFdrQ);
        Assert.Equal("when", c.CadenceColumn);
        Assert.Equal(10.0, c.CollThreshold);
        Assert.Equal(3.5, DetectConfig.Default.PointThreshold);
    }

    [Fact]
    public void Set_ZeroIsAValidUsize()
    {
        // §1.5: i64 parse then usize deserialisation; 0 (also spelled "-0" or "+0", which Rust's i64 parse accepts) fits.
        Assert.Equal(0UL, DetectConfig.Default.Apply("point_min_n", "0").PointMinN);
        Assert.Equal(0UL, DetectConfig.Default.Apply("ctx_period", "-0").CtxPeriod);
        Assert.Equal(0UL, DetectConfig.Default.Apply("cad_min_n", "+0").CadMinN);
    }

    [Fact]
    public void Set_DoesNoRangeChecks() => Assert.Equal(2.0, DetectConfig.Default.Apply("point_fdr_q", "2").PointFdrQ);

    [Fact]
    public void Set_StringFieldOnceSetTakesNumbersVerbatim() =>
        Assert.Equal("123", DetectConfig.Default.Apply("cadence_column", "ts").Apply("cadence_column", "123").CadenceColumn);

    [Theory]
    [InlineData("nope", "1", "--set: unknown config key 'nope' (see `describe`)")]
    [InlineData("point_min_n", "4.5", "--set point_min_n: cannot parse '4.5' for this field")]
    [InlineData("column_roles", "maybe", "--set column_roles: cannot parse 'maybe' for this field")]
    [InlineData("column_roles", "True", "--set column_roles: cannot parse 'True' for this field")]
    [InlineData("point_threshold", "inf", "--set point_threshold: cannot parse 'inf' for this field")]
    [InlineData("point_threshold", "NaN", "--set point_threshold: cannot parse 'NaN' for this field")]
    [InlineData("point_threshold", " 4", "--set point_threshold: cannot parse ' 4' for this field")]
    [InlineData("point_threshold", "1_000", "--set point_threshold: cannot parse '1_000' for this field")]
    [InlineData("point_min_n", "-3", "--set produced an invalid config: invalid value: integer `-3`, expected usize")]
    [InlineData("ctx_period", "-1", "--set produced an invalid config: invalid value: integer `-1`, expected usize")]
    [InlineData("point_fdr_q", "abc", "--set produced an invalid config: invalid type: string \"abc\", expected f64")]
    [InlineData("cadence_column", "123", "--set produced an invalid config: invalid type: floating point `123.0`, expected a string")]
    public void Set_Errors(string key, string value, string message)
    {
        var e = Assert.Throws<ConfigException>(() => DetectConfig.Default.Apply(key, value));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Set_AppliesInOrderAndLastWins()
    {
        DetectConfig c = DetectConfig.Default.Apply([new("ctx_period", "3"), new("ctx_period", "9")]);
        Assert.Equal(9UL, c.CtxPeriod);
    }

    [Theory]
    [InlineData("1.5", true, 1.5)]
    [InlineData(".5", true, 0.5)]
    [InlineData("5.", true, 5.0)]
    [InlineData("+1E-3", true, 0.001)]
    [InlineData("-0", true, -0.0)]
    [InlineData(".", false, 0)]
    [InlineData("1e", false, 0)]
    [InlineData("0x10", false, 0)]
    [InlineData("1,5", false, 0)]
    [InlineData("", false, 0)]
    public void RustF64Grammar(string text, bool ok, double expected)
    {
        Assert.Equal(ok, RustNumberParser.TryParseF64(text, out double v));
        if (ok)
        {
            Assert.Equal(expected, v);
        }
    }

    [Fact]
    public void RustF64_AcceptsNonFiniteSpellings()
    {
        Assert.True(RustNumberParser.TryParseF64("inf", out double a) && double.IsPositiveInfinity(a));
        Assert.True(RustNumberParser.TryParseF64("-Infinity", out double b) && double.IsNegativeInfinity(b));
        Assert.True(RustNumberParser.TryParseF64("NaN", out double c) && double.IsNaN(c));
    }

    [Fact]
    public void RustIntegerGrammar()
    {
        Assert.True(RustNumberParser.TryParseUsize("+7", out ulong u) && u == 7);
        Assert.False(RustNumberParser.TryParseUsize("-7", out _));
        Assert.False(RustNumberParser.TryParseUsize("7 ", out _));
        Assert.True(RustNumberParser.TryParseI64("-7", out long l) && l == -7);
        Assert.False(RustNumberParser.TryParseI64("-", out _));
        Assert.False(RustNumberParser.TryParseI64("99999999999999999999", out _));
    }
}
