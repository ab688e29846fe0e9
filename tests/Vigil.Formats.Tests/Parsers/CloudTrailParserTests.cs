using Vigil.Formats.Parsers;
using static Vigil.Formats.Tests.TestData;

namespace Vigil.Formats.Tests.Parsers;

public sealed class CloudTrailParserTests
{
    private readonly CloudTrailParser _trail = new();

    [Fact]
    public void SniffNeedsRecordsWhoseFirstHasEventName()
    {
        Assert.Equal(SniffConfidence.Strong, _trail.Sniff(Utf8("{\"Records\":[{\"eventName\":\"X\"}]}")));
        Assert.Equal(SniffConfidence.None, _trail.Sniff(Utf8("{\"Records\":[{\"name\":\"X\"}]}")));
        Assert.Equal(SniffConfidence.None, _trail.Sniff(Utf8("{\"Records\":[]}")));
        Assert.Equal(SniffConfidence.None, _trail.Sniff(Utf8("{\"Records\":[{\"eventName\":\"X\"}]")));
        Assert.Equal(SniffConfidence.Strong, _trail.Sniff(Real("cloudtrail/cloudtrail-records-sts-assumerole.json")));
    }

    [Fact]
    public void SniffWinsNoOtherFormatsSample() => SniffCorpus.AssertClaimsNoOtherSample("cloudtrail", "cloudtrail/cloudtrail-records", "samples/cloudtrail-");

    [Fact]
    public void ClaimsNoExtension() => Assert.Empty(_trail.Extensions);

    [Fact]
    public void ReferencePins()
    {
        var cols = Parse(_trail, "{\"Records\":[{\"eventTime\":\"2021-01-01T00:00:00Z\",\"eventName\":\"A\",\"userIdentity\":{\"type\":\"Root\",\"sessionContext\":{\"mfa\":true}},\"resources\":[1]},"
            + "{\"eventTime\":\"2021-01-01T03:30:00Z\",\"eventName\":\"B\"},{\"eventTime\":\"bad\",\"eventName\":\"C\"}]}");
        Assert.Equal([I(1609459200), I(1609471800), N], cols.Col("eventEpoch").Cells());
        Assert.Equal([S("Root"), N, N], cols.Col("userIdentity.type").Cells());
        Assert.Equal([S("{\"mfa\":true}"), N, N], cols.Col("userIdentity.sessionContext").Cells());
        Assert.Equal([S("[1]"), N, N], cols.Col("resources").Cells());
    }

    [Fact]
    public void RealTrailFile()
    {
        var cols = _trail.Parse(Real("cloudtrail/cloudtrail-records-sts-assumerole.json"));
        Assert.Equal([S("AssumeRole"), S("BatchGetImage")], cols.Col("eventName").Cells());
        Assert.Equal([I(1684482270), I(1684482274)], cols.Col("eventEpoch").Cells());
        Assert.Equal([S("AWSService"), S("AssumedRole")], cols.Col("userIdentity.type").Cells());
        Assert.Equal([S("arn:aws:iam::123456789:role/rolename"), N], cols.Col("requestParameters.roleArn").Cells());
        Assert.Equal([B(true), B(true)], cols.Col("readOnly").Cells());
    }

    [Fact]
    public void MalformedInputFailsNamingTheLine()
    {
        var e = Assert.Throws<FormatParseException>(() => Parse(_trail, "{\"Records\": [\n  {\"eventName\": \"A\"},\n  {\"eventName\": }\n]}"));
        Assert.Equal("cloudtrail", e.Format);
        Assert.Equal(3, e.Line);
        var notObject = Assert.Throws<FormatParseException>(() => Parse(_trail, "{\"Records\":[\n{},\n2]}"));
        Assert.Contains("Records[1] is not an object", notObject.Message, StringComparison.Ordinal);
        Assert.Equal(3, notObject.Line);
        Assert.Contains("missing 'Records' array", Assert.Throws<FormatParseException>(() => Parse(_trail, "{\"records\":[]}")).Message, StringComparison.Ordinal);
    }
}
