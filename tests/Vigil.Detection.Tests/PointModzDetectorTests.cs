using Vigil.Core.Columns;
using Vigil.Core.Findings;
using Vigil.Detection.Configuration;
using Vigil.Detection.Detectors;
using static Vigil.Detection.Tests.Corpus;

namespace Vigil.Detection.Tests;

public sealed class PointModzDetectorTests
{
    private static readonly PointModzDetector Detector = new();

    [Fact]
    public void ThirtyTensAndOneThousand_FlagsOnlyRow30()
    {
        var sink = Run(Detector, Set(Floats("v", Repeat(10.0, 30).Append(1000.0))));
        Finding f = Assert.Single(sink.Findings);
        Assert.Equal("cell:v:30", f.Handle.ToString());
        Assert.True(f.Confidence > 0.5);
        Assert.Equal(ColumnType.Float, f.ColType);
        Assert.Empty(sink.Absences);
    }

    [Fact]
    public void RobustPath_CatchesWhatSigmaWouldMiss()
    {
        var sink = Run(Detector, Set(Floats("v", [1, 2, 3, 4, 5, 6, 7, 8, 1000])));
        Finding f = Assert.Single(sink.Findings);
        Assert.Equal("cell:v:8", f.Handle.ToString());
        Assert.True(f.Score > 100);
    }

    [Fact]
    public void MinimumSize_ExactlyEightIsAssessed_SevenIsAbsent()
    {
        var eight = Run(Detector, Set(Floats("v", [1, 2, 3, 4, 5, 6, 7, 100])));
        Assert.Equal("cell:v:7", Assert.Single(eight.Findings).Handle.ToString());
        Assert.Empty(eight.Absences);

        var seven = Run(Detector, Set(Floats("v", [1, 2, 3, 4, 5, 6, 100])));
        Assert.Empty(seven.Findings);
        Assert.Equal(new Absence("point.modz", "no numeric column with at least 8 finite values"), Assert.Single(seven.Absences));
    }

    [Fact]
    public void TooFewValues_AbsentWithConfiguredMinimum()
    {
        var sink = Run(Detector, Set(Floats("v", [1, 2, 100])));
        Assert.Equal("no numeric column with at least 8 finite values", Assert.Single(sink.Absences).Reason);
        var custom = Run(Detector, Set(Floats("v", [1, 2, 100])), config: DetectConfig.Default with { PointMinN = 4 });
        Assert.Equal("no numeric column with at least 4 finite values", Assert.Single(custom.Absences).Reason);
    }

    [Fact]
    public void NullsDoNotCountTowardsTheMinimum()
    {
        var sink = Run(Detector, Set(Floats("v", [1, 2, 3, 4, 5, 6, 100, double.NaN, double.NaN])));
        Assert.Single(sink.Absences);
    }

    [Fact]
    public void ConstantColumn_NoFindingsAndNoAbsence()
    {
        var sink = Run(Detector, Set(Floats("v", Repeat(7.0, 20))));
        Assert.Empty(sink.Findings);
        Assert.Empty(sink.Absences);
    }

    [Fact]
    public void SigmaFallback_KeepsTheMedianAsCenter()
    {
        // MAD is 0 (most values equal); σ > 0, so scale = σ with k = 1 and center = median 5.
        double[] xs = [.. Repeat(5.0, 19), 99];
        var sink = Run(Detector, Set(Floats("v", xs)));
        Finding f = Assert.Single(sink.Findings);
        double sigma = Vigil.Core.Numerics.Det.StdDev(xs)!.Value;
        Assert.Equal(Math.Abs(1.0 * (99 - 5.0) / sigma), f.Score);
        Assert.Contains("(center=5.000000, scale=", f.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Threshold_IsStrict()
    {
        // center 0, MAD 1.4826 (deviations median 1), so modz(x) = 0.6745·|x|/1.4826; pick x with modz exactly 3.5?
        // Not representable exactly; instead use a threshold equal to a cell's own score.
        double[] xs = [-1, 0, 1, -1, 0, 1, -1, 0, 1, 10];
        var baseline = Run(Detector, Set(Floats("v", xs)));
        double score = Assert.Single(baseline.Findings).Score;
        var atScore = Run(Detector, Set(Floats("v", xs)), config: DetectConfig.Default with { PointThreshold = score });
        Assert.Empty(atScore.Findings);
        var justBelow = Run(Detector, Set(Floats("v", xs)), config: DetectConfig.Default with { PointThreshold = Math.BitDecrement(score) });
        Assert.Single(justBelow.Findings);
    }

    [Fact]
    public void Reason_IsExact()
    {
        var sink = Run(Detector, Set(Floats("v", [1, 2, 3, 4, 5, 6, 7, 8, 1000])));
        // median 5; deviations 4,3,2,1,0,1,2,3,995 → median 2 → MAD 2.9652; modz = 0.6745·995/2.9652.
        double modz = 0.6745 * 995 / 2.9652;
        Assert.Equal(modz, sink.Findings[0].Score);
        Assert.Equal("v = 1000.000000: modified z-score 226.335 exceeds 3.500 (center=5.000000, scale=2.965200)", sink.Findings[0].Reason);
    }

    [Fact]
    public void MixedAndStringColumns_AreNeverAssessed()
    {
        var b = new ColumnBuilder("m");
        for (int i = 0; i < 20; i++)
        {
            b.AppendInt(10);
        }

        b.AppendInt(100000);
        b.AppendString("x");
        var sink = Run(Detector, Set(b.Build(), Strings("s", Enumerable.Repeat("a", 22))));
        Assert.Empty(sink.Findings);
        Assert.Equal("no numeric column with at least 8 finite values", Assert.Single(sink.Absences).Reason);
    }

    [Fact]
    public void RoleGating_SkipsIdentifiers_UnlessRolesOff()
    {
        var set = Set(Ints("_PID", Enumerable.Repeat(100L, 30).Append(999999)));
        var gated = Run(Detector, set);
        Assert.Empty(gated.Findings);
        Assert.Equal("every numeric column was an identifier, category, or sequence (no measurement column to assess; see `roles`)", Assert.Single(gated.Absences).Reason);

        var ungated = Run(Detector, set, config: DetectConfig.Default with { ColumnRoles = false });
        Assert.Equal("cell:_PID:30", Assert.Single(ungated.Findings).Handle.ToString());
        Assert.Empty(ungated.Absences);
    }

    [Fact]
    public void SameDataUnderMeasurementAndIdNames_OnlyMeasurementFlagged()
    {
        long[] data = [.. Enumerable.Repeat(10L, 12), 5000];
        var sink = Run(Detector, Set(Ints("fare", data), Ints("user_id", data)));
        Assert.Equal("cell:fare:12", Assert.Single(sink.Findings).Handle.ToString());
    }

    [Fact]
    public void BoolColumns_AreNumeric()
    {
        var b = new ColumnBuilder("flag");
        for (int i = 0; i < 9; i++)
        {
            b.AppendBool(false);
        }

        var sink = Run(Detector, Set(b.Build()));
        Assert.Empty(sink.Absences);
    }

    [Fact]
    public void Fdr_OneClearOutlier_Flagged()
    {
        double[] xs = [.. Enumerable.Range(0, 7).SelectMany(_ => new double[] { -1, 0, 1 }), 4 * 1.4826];
        var sink = Run(Detector, Set(Floats("v", xs)), config: DetectConfig.Default with { PointFdrQ = 0.05 });
        Finding f = Assert.Single(sink.Findings);
        Assert.Equal("cell:v:21", f.Handle.ToString());
        // z = |x − 0| / 1.4826 = 4: the BH cutoff is this cell's own p, so confidence is exactly 0.5 (low).
        Assert.Equal(4.0, f.Score, 12);
        Assert.Equal(0.5, f.Confidence);
        Assert.Equal(Severity.Low, f.Severity);
    }

    [Fact]
    public void Fdr_SameOutlierAmongManyTests_NotFlagged()
    {
        double[] xs = [.. Enumerable.Range(0, 700).SelectMany(_ => new double[] { -1, 0, 1 }), 4 * 1.4826];
        var sink = Run(Detector, Set(Floats("v", xs)), config: DetectConfig.Default with { PointFdrQ = 0.05 });
        Assert.Empty(sink.Findings);
        Assert.Empty(sink.Absences);
    }

    [Fact]
    public void Fdr_OnlyTheOutlierRowFlagged()
    {
        double[] xs = [.. Enumerable.Range(0, 20).SelectMany(_ => new double[] { 98, 99, 100, 101, 102 }), 200];
        var sink = Run(Detector, Set(Floats("v", xs)), config: DetectConfig.Default with { PointFdrQ = 0.05 });
        Assert.Equal("cell:v:100", Assert.Single(sink.Findings).Handle.ToString());
    }

    [Fact]
    public void Fdr_ReasonIsExact()
    {
        double[] xs = [.. Enumerable.Range(0, 7).SelectMany(_ => new double[] { -1, 0, 1 }), 4 * 1.4826];
        var sink = Run(Detector, Set(Floats("v", xs)), config: DetectConfig.Default with { PointFdrQ = 0.05 });
        // erfc(4/√2) = 6.334248366623996e-5.
        Assert.Equal("v = 5.930400: standardized deviation z=4.000, p=6.334e-5 ≤ BH cutoff 6.334e-5 at FDR q=0.0500 (center=0.000000, scale=1.482600)", sink.Findings[0].Reason);
    }
}
