using CsCheck;
using Vigil.Core.Findings;
using Vigil.Core.Handles;

namespace Vigil.Core.Tests.Findings;

public sealed class SeverityTests
{
    [Theory]
    [InlineData(0.96, Severity.Critical)]
    [InlineData(0.95, Severity.Critical)]
    [InlineData(0.9499999999999999, Severity.High)]
    [InlineData(0.90, Severity.High)]
    [InlineData(0.85, Severity.High)]
    [InlineData(0.8499999999999999, Severity.Medium)]
    [InlineData(0.70, Severity.Medium)]
    [InlineData(0.65, Severity.Medium)]
    [InlineData(0.50, Severity.Low)]
    [InlineData(0.40, Severity.Low)]
    [InlineData(0.3999999999999999, Severity.Info)]
    [InlineData(0.30, Severity.Info)]
    [InlineData(0.0, Severity.Info)]
    public void Boundaries_are_inclusive(double c, Severity expected) => Assert.Equal(expected, Severities.FromConfidence(c));

    [Fact]
    public void Severity_is_monotone_in_confidence() =>
        Gen.Select(Gen.Double[0, 1], Gen.Double[0, 1]).Sample((a, b) => a > b || Severities.FromConfidence(a) <= Severities.FromConfidence(b));

    [Fact]
    public void Confidence_is_clamped_and_severity_derived()
    {
        Finding f = Finding.Create("d", AnomalyClass.Point, Handle.ForRow(0), 5.0, 1, "r");
        Assert.Equal(1.0, f.Confidence);
        Assert.Equal(Severity.Critical, f.Severity);
        Finding g = Finding.Create("d", AnomalyClass.Point, Handle.ForRow(0), -2, 1, "r");
        Assert.Equal(0.0, g.Confidence);
        Assert.Equal(Severity.Info, g.Severity);
        Assert.Equal(0.0, Finding.Create("d", AnomalyClass.Point, Handle.ForRow(0), double.NaN, 1, "r").Confidence);
    }

    [Theory]
    [InlineData("critical", Severity.Critical)]
    [InlineData("HIGH", Severity.High)]
    [InlineData("Medium", Severity.Medium)]
    [InlineData("low", Severity.Low)]
    [InlineData("info", Severity.Info)]
    public void Parses_tokens_case_insensitively(string text, Severity expected)
    {
        Assert.True(Severities.TryParse(text, out Severity s));
        Assert.Equal(expected, s);
    }

    [Fact]
    public void Rejects_unknown_levels() => Assert.False(Severities.TryParse("extreme", out _));

    [Fact]
    public void Class_tokens_are_unique_and_in_all_order()
    {
        string[] tokens = AnomalyClasses.All.Select(c => c.ToToken()).ToArray();
        Assert.Equal(["point", "contextual", "collective", "distributional", "structural", "multivariate", "cadence"], tokens);
        Assert.Equal(tokens.Length, tokens.Distinct().Count());
    }
}
