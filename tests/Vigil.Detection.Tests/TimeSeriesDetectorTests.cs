using Vigil.Core.Findings;
using Vigil.Detection.Configuration;
using Vigil.Detection.Detectors;
using Vigil.Detection.Statistics;
using static Vigil.Detection.Tests.Corpus;

namespace Vigil.Detection.Tests;

public sealed class TimeSeriesDetectorTests
{
    private static readonly DetectConfig Weekly = DetectConfig.Default with { CtxPeriod = 7 };

    private static double[] Seasonal(int n) => Enumerable.Range(0, n).Select(i => ((i % 7) * 10) + ((i / 7) * 0.3)).ToArray();

    [Fact]
    public void Seasonal_NoPeriod_Absent()
    {
        var sink = Run(new SeasonalDetector(), Set(Floats("v", Seasonal(35))));
        Assert.Equal("contextual detection needs a declared period ≥ 2 (pass --period N)", Assert.Single(sink.Absences).Reason);
        var one = Run(new SeasonalDetector(), Set(Floats("v", Seasonal(35))), config: DetectConfig.Default with { CtxPeriod = 1 });
        Assert.Single(one.Absences);
    }

    [Fact]
    public void Seasonal_CleanSeries_NotAbsent()
    {
        var sink = Run(new SeasonalDetector(), Set(Floats("v", Seasonal(35))), config: Weekly);
        Assert.Empty(sink.Findings);
        Assert.Empty(sink.Absences);
    }

    [Fact]
    public void Seasonal_SpikeWithinItsPhase_FlaggedOnce()
    {
        double[] v = Seasonal(35);
        v[14] = 50.0;
        var sink = Run(new SeasonalDetector(), Set(Floats("v", v)), config: Weekly);
        Finding f = Assert.Single(sink.Findings);
        Assert.Equal("cell:v:14", f.Handle.ToString());
        Assert.Equal(AnomalyClass.Contextual, f.Class);
        Assert.Null(f.ColType);
        Assert.Equal(Calibration.FromExceedance(f.Score, 3.5), f.Confidence);
        Assert.StartsWith("v = 50.000000 at row 14 (phase 0/7): modified z-score ", f.Reason, StringComparison.Ordinal);
        Assert.EndsWith(" within its seasonal subseries exceeds 3.500", f.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Seasonal_PeriodLongerThanSeries_Absent()
    {
        var sink = Run(new SeasonalDetector(), Set(Floats("v", Seasonal(35))), config: DetectConfig.Default with { CtxPeriod = 50 });
        Assert.Equal("no numeric column has ≥ 4 values in any phase of period 50", Assert.Single(sink.Absences).Reason);
    }

    [Fact]
    public void Seasonal_PeriodTwoIsAssessed()
    {
        var sink = Run(new SeasonalDetector(), Set(Floats("v", Seasonal(35))), config: DetectConfig.Default with { CtxPeriod = 2 });
        Assert.Empty(sink.Absences);
    }

    [Fact]
    public void Seasonal_ExactlyFourPerPhase_Assessed_ThreeAbsent()
    {
        double[] v = Seasonal(28);
        v[7] = 55;
        var sink = Run(new SeasonalDetector(), Set(Floats("v", v)), config: Weekly);
        Assert.Equal("cell:v:7", Assert.Single(sink.Findings).Handle.ToString());

        var three = Run(new SeasonalDetector(), Set(Floats("v", Seasonal(27))), config: DetectConfig.Default with { CtxPeriod = 7, CtxMinPerPhase = 5 });
        Assert.Equal("no numeric column has ≥ 5 values in any phase of period 7", Assert.Single(three.Absences).Reason);
    }

    [Fact]
    public void Seasonal_Threshold_IsStrict()
    {
        // Period 2. Phase 0 = [-1, 0, 1, 0, 10]: median 0, |dev| median 1 → MAD 1.4826, so the 10 at row 8 scores
        // 0.6745·10/1.4826 ≈ 4.55 > 3.5; phase 1 = [1, 2, 3, 2, 1] peaks at 0.45. §4.7: flag iff modz > ctx_threshold.
        double[] xs = [-1, 1, 0, 2, 1, 3, 0, 2, 10, 1];
        var config = DetectConfig.Default with { CtxPeriod = 2 };
        Finding f = Assert.Single(Run(new SeasonalDetector(), Set(Floats("v", xs)), config: config).Findings);
        Assert.Equal("cell:v:8", f.Handle.ToString());
        Assert.Equal(0.6745 * 10 / 1.4826, f.Score, 12);
        Assert.Equal("v = 10.000000 at row 8 (phase 0/2): modified z-score 4.549 within its seasonal subseries exceeds 3.500", f.Reason);
        var atScore = Run(new SeasonalDetector(), Set(Floats("v", xs)), config: config with { CtxThreshold = f.Score });
        Assert.Empty(atScore.Findings);
        Assert.Empty(atScore.Absences);
        var below = Run(new SeasonalDetector(), Set(Floats("v", xs)), config: config with { CtxThreshold = Math.BitDecrement(f.Score) });
        Assert.Equal("cell:v:8", Assert.Single(below.Findings).Handle.ToString());
    }

    [Fact]
    public void Seasonal_RoleGated()
    {
        double[] v = Seasonal(28);
        v[7] = 55;
        var gated = Run(new SeasonalDetector(), Set(Floats("user_id", v)), config: Weekly);
        Assert.Empty(gated.Findings);
        Assert.Single(gated.Absences);
        var open = Run(new SeasonalDetector(), Set(Floats("user_id", v)), config: Weekly with { ColumnRoles = false });
        Assert.Single(open.Findings);
    }

    [Fact]
    public void Cusum_ChangePointPins()
    {
        Assert.Equal(3, CusumDetector.ChangePoint([0, 0, 0, 10, 10, 10], 5));
        Assert.Equal(1, CusumDetector.ChangePoint([5, 5, 5, 5], 5));
        Assert.Equal(1, CusumDetector.ChangePoint([2, -2, 2, -2, 2, -2], 0));
        Assert.Equal(0, CusumDetector.ChangePoint([4], 4));
        Assert.Equal(3.0, CusumDetector.StandardizedShift(0, 6, 2, 2, 2));
        Assert.Equal(Math.Sqrt(3), CusumDetector.StandardizedShift(0, 2, 1, 1, 3), 14);
    }

    [Fact]
    public void Cusum_StepFlaggedWithRange()
    {
        double[] xs = [.. Repeat(10, 20), .. Repeat(40, 20)];
        var sink = Run(new CusumDetector(), Set(Floats("v", xs)));
        Finding f = Assert.Single(sink.Findings);
        Assert.Equal("range:v:20:40", f.Handle.ToString());
        double sigma = Vigil.Core.Numerics.Det.StdDev(xs)!.Value;
        Assert.Equal(CusumDetector.StandardizedShift(10, 40, sigma, 20, 20), f.Score);
        Assert.Equal(Math.Sqrt(39), f.Score, 12);
        Assert.Equal($"v: level shift at row 20 — mean 10.0000 → 40.0000, standardized shift 6.245 > 5.000", f.Reason);
    }

    [Fact]
    public void Cusum_BalancedStepNeedsTwentySevenValues()
    {
        // A perfect balanced step scores √(n−1): n = 20 → 4.36 (applicable, clean); n = 26 → 5.0 (not > 5); n = 28 → 5.196.
        var twenty = Run(new CusumDetector(), Set(Floats("v", [.. Repeat(0, 10), .. Repeat(1, 10)])));
        Assert.Empty(twenty.Findings);
        Assert.Empty(twenty.Absences);
        var twentyEight = Run(new CusumDetector(), Set(Floats("v", [.. Repeat(0, 14), .. Repeat(1, 14)])));
        Assert.Single(twentyEight.Findings);
    }

    [Fact]
    public void Cusum_Threshold_IsStrict()
    {
        // §4.8: flag iff shift > coll_threshold (strict). 20×10 + 20×40 scores √39 (a balanced step: √(n−1)).
        double[] xs = [.. Repeat(10, 20), .. Repeat(40, 20)];
        double score = Assert.Single(Run(new CusumDetector(), Set(Floats("v", xs))).Findings).Score;
        Assert.Equal(Math.Sqrt(39), score, 12);
        var atScore = Run(new CusumDetector(), Set(Floats("v", xs)), config: DetectConfig.Default with { CollThreshold = score });
        Assert.Empty(atScore.Findings);
        Assert.Empty(atScore.Absences);
        var below = Run(new CusumDetector(), Set(Floats("v", xs)), config: DetectConfig.Default with { CollThreshold = Math.BitDecrement(score) });
        Assert.Equal(0.5, Assert.Single(below.Findings).Confidence, 12);
    }

    [Fact]
    public void Cusum_RangeUsesOriginalRows()
    {
        double[] xs = [double.NaN, .. Repeat(10, 20), .. Repeat(40, 20), double.NaN];
        var sink = Run(new CusumDetector(), Set(Floats("v", xs)));
        Assert.Equal("range:v:21:41", Assert.Single(sink.Findings).Handle.ToString());
    }

    [Fact]
    public void Cusum_ShortOrConstant_Absent()
    {
        const string reason = "no numeric column with ≥ 20 values and non-zero variance";
        Assert.Equal(reason, Assert.Single(Run(new CusumDetector(), Set(Floats("v", Repeat(1, 18).Append(9)))).Absences).Reason);
        Assert.Equal(reason, Assert.Single(Run(new CusumDetector(), Set(Floats("v", Repeat(3, 40)))).Absences).Reason);
    }

    [Fact]
    public void Cadence_Pins()
    {
        Assert.Equal([2.0, 3.0, 4.0], CadenceDetector.Intervals([10, 12, 15, 19]));
        Assert.Equal(0.5, CadenceDetector.CoefficientOfVariation([2, 4, 6]));
        Assert.Null(CadenceDetector.CoefficientOfVariation([-2, -4, -6]));
        Assert.Null(CadenceDetector.CoefficientOfVariation([5]));
    }

    [Fact]
    public void Cadence_NotConfigured_Missing_Short_Regressing()
    {
        var set = Set(Floats("t", Enumerable.Range(0, 40).Select(i => i * 60.0)));
        Assert.Equal("cadence detection requires a time column (pass --cadence <COL>)", Assert.Single(Run(new CadenceDetector(), set).Absences).Reason);
        Assert.Equal("column 'when' not found", Assert.Single(Run(new CadenceDetector(), set, config: DetectConfig.Default with { CadenceColumn = "when" }).Absences).Reason);
        var ten = Set(Floats("t", Enumerable.Range(0, 10).Select(i => i * 60.0)));
        Assert.Equal("column 't' has fewer than 20 intervals", Assert.Single(Run(new CadenceDetector(), ten, config: DetectConfig.Default with { CadenceColumn = "t" }).Absences).Reason);
        var down = Set(Floats("t", Enumerable.Range(0, 30).Select(i => -i * 60.0)));
        Assert.Equal("column 't' is not a progressing time series (non-positive mean interval)", Assert.Single(Run(new CadenceDetector(), down, config: DetectConfig.Default with { CadenceColumn = "t" }).Absences).Reason);

        // §4.9 "mean ≤ 0": 21 stamps 0,1,0,1,…,0 give 20 deltas ±1 summing to exactly 0, a zero mean interval.
        var flat = Set(Floats("t", Enumerable.Range(0, 21).Select(i => (double)(i % 2))));
        var flatSink = Run(new CadenceDetector(), flat, config: DetectConfig.Default with { CadenceColumn = "t" });
        Assert.Empty(flatSink.Findings);
        Assert.Equal("column 't' is not a progressing time series (non-positive mean interval)", Assert.Single(flatSink.Absences).Reason);
    }

    [Fact]
    public void Cadence_Metronomic_FlaggedWithFullConfidence()
    {
        var config = DetectConfig.Default with { CadenceColumn = "t" };
        var sink = Run(new CadenceDetector(), Set(Floats("t", Enumerable.Range(0, 40).Select(i => i * 60.0))), config: config);
        Finding f = Assert.Single(sink.Findings);
        Assert.Equal("col:t", f.Handle.ToString());
        Assert.Equal(0.0, f.Score);
        Assert.True(f.Confidence > 0.99);
        Assert.Equal("column 't': inter-arrival CV=0.00000 < 0.05000 — metronomic (automated) cadence", f.Reason);
    }

    [Fact]
    public void Cadence_TwentyOneValuesAssessed_IrregularClean()
    {
        var config = DetectConfig.Default with { CadenceColumn = "t" };
        var regular = Run(new CadenceDetector(), Set(Floats("t", Enumerable.Range(0, 21).Select(i => i * 10.0))), config: config);
        Assert.Single(regular.Findings);
        double t = 0;
        var irregular = Enumerable.Range(0, 30).Select(i => t += 1 + (i * 7 % 11)).ToArray();
        var clean = Run(new CadenceDetector(), Set(Floats("t", irregular)), config: config);
        Assert.Empty(clean.Findings);
        Assert.Empty(clean.Absences);
    }

    [Fact]
    public void Cadence_NearRegular_CalibratedAndTighterIsMoreConfident()
    {
        var config = DetectConfig.Default with { CadenceColumn = "t" };
        double t = 0;
        var loose = Enumerable.Range(0, 30).Select(i => t += i % 2 == 0 ? 100 : 100.1).ToArray();
        Finding a = Assert.Single(Run(new CadenceDetector(), Set(Floats("t", loose)), config: config).Findings);
        Assert.InRange(a.Score, 1e-9, 0.05);
        Assert.Equal(Calibration.FromUndercut(a.Score, 0.05), a.Confidence);

        // CV ≈ 0.02 and ≈ 0.01: both flagged, below saturation, the tighter one more confident.
        t = 0;
        var jittery = Enumerable.Range(0, 30).Select(i => t += i % 2 == 0 ? 100 : 104).ToArray();
        t = 0;
        var steadier = Enumerable.Range(0, 30).Select(i => t += i % 2 == 0 ? 100 : 102).ToArray();
        Finding j = Assert.Single(Run(new CadenceDetector(), Set(Floats("t", jittery)), config: config).Findings);
        Finding s = Assert.Single(Run(new CadenceDetector(), Set(Floats("t", steadier)), config: config).Findings);
        Assert.True(s.Confidence > j.Confidence);
        Assert.True(j.Confidence < 0.99);
    }

    [Fact]
    public void Cadence_ZeroMaxCvNeverFires()
    {
        var config = DetectConfig.Default with { CadenceColumn = "t", CadMaxCv = 0 };
        Assert.Empty(Run(new CadenceDetector(), Set(Floats("t", Enumerable.Range(0, 40).Select(i => i * 60.0))), config: config).Findings);
    }

    [Fact]
    public void Cadence_IgnoresRolesAndDropsNonNumericCells()
    {
        var config = DetectConfig.Default with { CadenceColumn = "timestamp" };
        var b = new Vigil.Core.Columns.ColumnBuilder("timestamp");
        for (int i = 0; i < 25; i++)
        {
            b.AppendInt(i * 5);
            b.AppendString("noise");
        }

        Assert.Single(Run(new CadenceDetector(), Set(b.Build()), config: config).Findings);
    }
}
