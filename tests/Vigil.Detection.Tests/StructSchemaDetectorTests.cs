using Vigil.Core.Columns;
using Vigil.Core.Findings;
using Vigil.Detection.Detectors;
using static Vigil.Detection.Tests.Corpus;

namespace Vigil.Detection.Tests;

public sealed class StructSchemaDetectorTests
{
    private static readonly StructSchemaDetector Detector = new();

    [Fact]
    public void MixedColumn_Flagged()
    {
        var b = new ColumnBuilder("m");
        b.AppendInt(1);
        b.AppendString("x");
        b.AppendBool(true);
        var sink = Run(Detector, Set(b.Build()));
        Finding f = Assert.Single(sink.Findings);
        Assert.Equal("column 'm' mixes conflicting cell types", f.Reason);
        Assert.Equal(0.7, f.Confidence);
        Assert.Equal(Severity.Medium, f.Severity);
        Assert.Equal(0.0, f.Score);
        Assert.Equal(ColumnType.Mixed, f.ColType);
        Assert.Equal("col:m", f.Handle.ToString());
        Assert.Empty(sink.Absences);
    }

    [Fact]
    public void NullRate_StrictlyAboveHalf()
    {
        var threeQuarters = Run(Detector, Set(Floats("v", [1, double.NaN, double.NaN, double.NaN])));
        Finding f = Assert.Single(threeQuarters.Findings);
        Assert.Equal(0.75, f.Score);
        Assert.Equal("column 'v' is 75% null", f.Reason);
        Assert.Equal(ColumnType.Float, f.ColType);
        Assert.Equal(Vigil.Detection.Statistics.Calibration.FromExceedance(0.75, 0.5), f.Confidence);

        Assert.Empty(Run(Detector, Set(Floats("v", [1, 2, double.NaN, double.NaN]))).Findings);
        Assert.Empty(Run(Detector, Set(Floats("v", [1, 2, 3, double.NaN]))).Findings);
    }

    [Fact]
    public void NullRate_FollowsConfig()
    {
        var set = Set(Floats("v", [1, 2, 3, double.NaN]));
        var config = Vigil.Detection.Configuration.DetectConfig.Default with { StructNullRate = 0.2 };
        Finding f = Assert.Single(Run(Detector, set, config: config).Findings);
        Assert.Equal("column 'v' is 25% null", f.Reason);
        Assert.Equal(Vigil.Detection.Statistics.Calibration.FromExceedance(0.25, 0.2), f.Confidence);
    }

    [Fact]
    public void NullPercent_RoundsHalfToEven()
    {
        // 5 nulls of 8 = 62.5% → "62" under ties-to-even.
        var sink = Run(Detector, Set(Floats("v", [1, 2, 3, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN])));
        Assert.Equal("column 'v' is 62% null", Assert.Single(sink.Findings).Reason);
    }

    [Fact]
    public void MixedAndMostlyNull_YieldsBothMixedFirst()
    {
        var b = new ColumnBuilder("m");
        b.AppendInt(1);
        b.AppendString("x");
        b.AppendNulls(3);
        var sink = Run(Detector, Set(b.Build()));
        Assert.Equal(["column 'm' mixes conflicting cell types", "column 'm' is 60% null"], sink.Findings.Select(f => f.Reason));
    }

    [Fact]
    public void AllNullColumn_IsFullyNull_EmptyColumnIsClean()
    {
        var sink = Run(Detector, Set(Floats("v", [double.NaN, double.NaN])));
        Assert.Equal("column 'v' is 100% null", Assert.Single(sink.Findings).Reason);
        Assert.Equal(ColumnType.Unknown, sink.Findings[0].ColType);
        Assert.Empty(Run(Detector, Set(Floats("v", []))).Findings);
    }

    [Fact]
    public void Baseline_NewDroppedAndRetyped()
    {
        var baseline = Set(Ints("keep", [1, 2]), Ints("amount", [1, 2]), Ints("gone", [1, 2]));
        var current = Set(Ints("keep", [1, 2]), Strings("amount", ["a", "b"]), Ints("fresh", [1, 2]));
        var sink = Run(Detector, current, baseline);
        Assert.Equal(
            ["column 'amount' type changed Int → Str", "column 'fresh' is new (absent in baseline)", "column 'gone' was dropped (present in baseline)"],
            sink.Findings.Select(f => f.Reason));
        Assert.Equal([0.85, 0.9, 0.9], sink.Findings.Select(f => f.Confidence));
        Assert.All(sink.Findings, f => Assert.Equal(1.0, f.Score));
        Assert.Equal([ColumnType.Str, ColumnType.Int, ColumnType.Int], sink.Findings.Select(f => f.ColType!.Value));
        Assert.Empty(sink.Absences);
    }

    [Fact]
    public void Baseline_IntToFloatIsAChange()
    {
        var sink = Run(Detector, Set(Floats("x", [1.5])), Set(Ints("x", [1])));
        Assert.Equal("column 'x' type changed Int → Float", Assert.Single(sink.Findings).Reason);
    }

    [Fact]
    public void Baseline_UnknownToTypedIsAChange()
    {
        // §4.2 "including Unknown↔X": an all-null baseline column (type unknown) that now holds ints has changed type.
        // The current column is clean otherwise; the baseline's 100% nulls are not the current corpus's business.
        var sink = Run(Detector, Set(Ints("x", [1, 2])), Set(Strings("x", [null, null])));
        Finding f = Assert.Single(sink.Findings);
        Assert.Equal("column 'x' type changed Unknown → Int", f.Reason);
        Assert.Equal(0.85, f.Confidence);
        Assert.Equal(1.0, f.Score);
    }

    [Fact]
    public void IgnoresRoles()
    {
        var sink = Run(Detector, Set(Floats("user_id", [1, double.NaN, double.NaN])));
        Assert.Single(sink.Findings);
    }
}
