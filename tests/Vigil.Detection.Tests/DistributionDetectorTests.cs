using Vigil.Core.Findings;
using Vigil.Detection.Configuration;
using Vigil.Detection.Detectors;
using Vigil.Detection.Numerics;
using Vigil.Detection.Statistics;
using static Vigil.Detection.Tests.Corpus;

namespace Vigil.Detection.Tests;

public sealed class DistributionDetectorTests
{
    private const string NoBaseline = "no baseline provided; distributional drift requires --baseline";

    [Fact]
    public void NoBaseline_AllThreeAbsent()
    {
        var current = Set(Floats("v", Enumerable.Range(0, 30).Select(i => (double)i)));
        Assert.Equal(NoBaseline, Assert.Single(Run(new KsDriftDetector(), current).Absences).Reason);
        Assert.Equal(NoBaseline, Assert.Single(Run(new PsiDriftDetector(), current).Absences).Reason);
        Assert.Equal(NoBaseline, Assert.Single(Run(new Chi2DriftDetector(), current).Absences).Reason);
    }

    [Fact]
    public void KsStatistic_IdenticalDisjointSymmetric()
    {
        double[] a = [1, 2, 3, 4, 5];
        double[] b = [6, 7, 8];
        Assert.Equal(0.0, KsDriftDetector.Statistic(a, a));
        Assert.Equal(1.0, KsDriftDetector.Statistic(a, b));
        double[] c = [1, 1, 2, 3, 3, 3, 9];
        double[] d = [0, 1, 3, 4];
        Assert.Equal(KsDriftDetector.Statistic(c, d), KsDriftDetector.Statistic(d, c));
        Assert.Null(KsDriftDetector.Statistic([], a));
    }

    [Fact]
    public void KsStatistic_TiesAdvanceBothSides()
    {
        // F_a and F_b evaluated after each distinct value: at 1: 2/4 vs 1/2 → 0; at 2: 3/4 vs 1/2 → 0.25; at 3: 1 vs 1.
        Assert.Equal(0.25, KsDriftDetector.Statistic([1, 1, 2, 3], [1, 3]));
    }

    [Fact]
    public void DriftShift_FlaggedByKsAndPsi_WithExactReasons()
    {
        var baseline = Set(Ints("amount", Enumerable.Range(0, 24).Select(i => 10L + (i % 5))));
        var current = Set(Ints("amount", Enumerable.Range(0, 24).Select(i => 900L + (i % 5))));
        DetectionReport report = Scan(current, baseline);

        Finding ks = Assert.Single(report.Of("dist.ks"));
        Assert.Equal("dist:amount", ks.Handle.ToString());
        Assert.Equal(1.0, ks.Score);
        double p = SpecialFunctions.KolmogorovSmirnovPValue(1.0, 24, 24);
        Assert.Equal("amount: KS D=1.0000, p=0.0000 < α=0.0500 — distribution shifted", ks.Reason);
        Assert.Equal(Calibration.FromUndercut(p, 0.05), ks.Confidence);

        Finding psi = Assert.Single(report.Of("dist.psi"));
        // Independent oracle (type-7 edges, floored fractions, sorted Neumaier sum): 7.858179912960368.
        Assert.Equal(7.858179912960368, psi.Score, 12);
        Assert.Equal("amount: PSI=7.8582 > 0.2000 — population shifted", psi.Reason);
        Assert.Equal(1.0, psi.Confidence, 12);
        Assert.DoesNotContain(report.Absences, a => a.Detector is "dist.ks" or "dist.psi");
        Assert.Contains(new Absence("dist.chi2", "no categorical column shared by both corpora"), report.Absences);
    }

    [Fact]
    public void MinimumSize_PerSide()
    {
        // Not monotone, so the columns are measurements rather than sequences.
        var big = Set(Floats("v", Enumerable.Range(0, 20).Select(i => (double)(i % 7))));
        var small = Set(Floats("v", Enumerable.Range(0, 19).Select(i => (double)(i % 7))));
        string reason = "no numeric column shared by both corpora with ≥ 20 values";
        Assert.Equal(reason, Assert.Single(Run(new KsDriftDetector(), big, small).Absences).Reason);
        Assert.Equal(reason, Assert.Single(Run(new PsiDriftDetector(), small, big).Absences).Reason);
        Assert.Empty(Run(new KsDriftDetector(), big, big).Absences);
        Assert.Empty(Run(new KsDriftDetector(), big, big).Findings);
    }

    [Fact]
    public void DistMinN_FollowsConfig()
    {
        var small = Set(Floats("v", [1, 2, 3]));
        var config = DetectConfig.Default with { DistMinN = 7 };
        Assert.Equal("no numeric column shared by both corpora with ≥ 7 values", Assert.Single(Run(new KsDriftDetector(), small, small, config).Absences).Reason);
    }

    [Fact]
    public void RoleSkippedOrNonNumericBaseline_NotApplicable()
    {
        var ids = Set(Floats("row_id", Enumerable.Range(0, 30).Select(i => (double)(i % 4))));
        Assert.Single(Run(new KsDriftDetector(), ids, ids).Absences);
        // Not a ramp: a strictly increasing current column would be a sequence and role-skipped for any baseline.
        var numeric = Set(Floats("v", Enumerable.Range(0, 30).Select(i => (double)(i % 7))));
        Assert.Empty(Run(new KsDriftDetector(), numeric, numeric).Absences);
        var text = Set(Strings("v", Enumerable.Range(0, 30).Select(i => "s" + i)));
        Assert.Single(Run(new KsDriftDetector(), numeric, text).Absences);

        // §4.3: the baseline column must itself be numeric-typed. A mixed baseline (30 ints and one string) has 30
        // finite numeric() values, but its type is mixed, so neither KS nor PSI pairs it, however far it drifted.
        var mixedBuilder = new Vigil.Core.Columns.ColumnBuilder("v");
        for (int i = 0; i < 30; i++)
        {
            mixedBuilder.AppendInt(1000 + i);
        }

        mixedBuilder.AppendString("n/a");
        var mixed = Set(mixedBuilder.Build());
        const string none = "no numeric column shared by both corpora with ≥ 20 values";
        Assert.Equal(none, Assert.Single(Run(new KsDriftDetector(), numeric, mixed).Absences).Reason);
        Assert.Equal(none, Assert.Single(Run(new PsiDriftDetector(), numeric, mixed).Absences).Reason);
    }

    [Fact]
    public void KsAndPsi_ThresholdsAreStrict()
    {
        // §4.3 flags iff p < dist_alpha; §4.4 iff PSI > psi_threshold. Disjoint samples give D = 1; setting each
        // threshold to the statistic itself must silence the detector, one ulp past it must not.
        var baseline = Set(Ints("amount", Enumerable.Range(0, 24).Select(i => 10L + (i % 5))));
        var current = Set(Ints("amount", Enumerable.Range(0, 24).Select(i => 900L + (i % 5))));
        double p = SpecialFunctions.KolmogorovSmirnovPValue(1.0, 24, 24);
        double psi = Assert.Single(Scan(current, baseline).Of("dist.psi")).Score;
        DetectionReport at = Scan(current, baseline, DetectConfig.Default with { DistAlpha = p, PsiThreshold = psi });
        Assert.Empty(at.Of("dist.ks"));
        Assert.Empty(at.Of("dist.psi"));
        Assert.DoesNotContain(at.Absences, a => a.Detector is "dist.ks" or "dist.psi");
        DetectionReport past = Scan(current, baseline, DetectConfig.Default with { DistAlpha = Math.BitIncrement(p), PsiThreshold = Math.BitDecrement(psi) });
        Assert.Single(past.Of("dist.ks"));
        Assert.Single(past.Of("dist.psi"));
    }

    [Fact]
    public void Psi_ReferencePins()
    {
        double[] baseValues = Enumerable.Range(0, 20).Select(i => (double)(i % 10)).ToArray();
        double[] shifted = baseValues.Select(v => v + 100).ToArray();
        SortedSample b = SortedSample.Of(baseValues);
        Assert.Equal(7.3652319366, PsiDriftDetector.Psi(b, shifted, 5)!.Value, 9);
        Assert.Equal(0.0, PsiDriftDetector.Psi(b, baseValues, 5));
        Assert.Equal([4.5], PsiDriftDetector.QuantileEdges(Enumerable.Range(0, 10).Select(i => (double)i).ToArray(), 2));
        Assert.Equal([3L, 1L], PsiDriftDetector.BinCounts([0, 1, 2, 10], [2.5]));
        // A baseline of exactly `bins` values is enough (§4.4: none only when len(base) < bins); same bins → 0.
        Assert.Equal(0.0, PsiDriftDetector.Psi(SortedSample.Of([1, 2]), [1, 2], 2));
        // Edge 1.5: base fractions [0.5, 0.5], current [0 → floored to 1e-4, 1.0].
        double expected = ((1e-4 - 0.5) * Math.Log(1e-4 / 0.5)) + ((1.0 - 0.5) * Math.Log(1.0 / 0.5));
        Assert.Equal(expected, PsiDriftDetector.Psi(SortedSample.Of([1, 2]), [2, 2], 2)!.Value, 12);
        Assert.Null(PsiDriftDetector.Psi(SortedSample.Of([1]), [1, 2], 2));
        Assert.Null(PsiDriftDetector.Psi(SortedSample.Of([1, 2, 3]), [1, 2], 1));
        Assert.Null(PsiDriftDetector.Psi(SortedSample.Of([1, 2, 3]), [], 2));
    }

    [Fact]
    public void Psi_ValueOnAnEdgeGoesRight() => Assert.Equal([1L, 2L], PsiDriftDetector.BinCounts([1, 2.5, 3], [2.5]));

    [Fact]
    public void Chi2_ReferenceStatistic()
    {
        var baseline = Set(Strings("g", [.. Enumerable.Repeat("a", 10), .. Enumerable.Repeat("b", 30)]));
        var current = Set(Strings("g", [.. Enumerable.Repeat("a", 20), .. Enumerable.Repeat("b", 20)]));
        Finding f = Assert.Single(Run(new Chi2DriftDetector(), current, baseline).Findings);
        Assert.Equal(13.333333333333334, f.Score);
        Assert.StartsWith("g: χ²=13.333 (dof=1), p=0.0003 < α=0.0500 — category mix changed", f.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Chi2_FiftyFiftyToFortySixty_IsLowConfidence()
    {
        var baseline = Set(Strings("g", [.. Enumerable.Repeat("a", 50), .. Enumerable.Repeat("b", 50)]));
        var current = Set(Strings("g", [.. Enumerable.Repeat("a", 40), .. Enumerable.Repeat("b", 60)]));
        Finding f = Assert.Single(Run(new Chi2DriftDetector(), current, baseline).Findings);
        Assert.Equal(4.0, f.Score);
        Assert.Equal("g: χ²=4.000 (dof=1), p=0.0455 < α=0.0500 — category mix changed", f.Reason);
        Assert.Equal(0.549286789692665, f.Confidence, 14);
        Assert.Equal(Severity.Low, f.Severity);
    }

    [Fact]
    public void Chi2_IdenticalMix_Clean_NewDominantCategory_Flagged()
    {
        var mix = Set(Strings("g", [.. Enumerable.Repeat("a", 50), .. Enumerable.Repeat("b", 50)]));
        var sink = Run(new Chi2DriftDetector(), mix, mix);
        Assert.Empty(sink.Findings);
        Assert.Empty(sink.Absences);

        var current = Set(Strings("g", [.. Enumerable.Repeat("a", 40), .. Enumerable.Repeat("c", 60)]));
        Finding f = Assert.Single(Run(new Chi2DriftDetector(), current, mix).Findings);
        // §4.5 by hand: a: E=50 → (40−50)²/50 = 2; b: E=50 → 50²/50 = 50; c: E = max(0, 0.5) = 0.5 → 59.5²/0.5 = 7080.5.
        Assert.Equal(7132.5, f.Score);
        Assert.StartsWith("g: χ²=7132.500 (dof=2), p=0.0000 < α=0.0500", f.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Chi2_Candidates()
    {
        // Numeric (incl. bool) columns are not candidates; role-skipped string ids are excluded; a baseline column of any type qualifies.
        var numeric = Set(Floats("v", [1, 2, 3]));
        Assert.Equal("no categorical column shared by both corpora", Assert.Single(Run(new Chi2DriftDetector(), numeric, numeric).Absences).Reason);

        // Bool is numeric (§2.2), so even a complete flip of a bool column is KS/PSI's business, never χ²'s.
        var trues = new Vigil.Core.Columns.ColumnBuilder("flag");
        var falses = new Vigil.Core.Columns.ColumnBuilder("flag");
        for (int i = 0; i < 40; i++)
        {
            trues.AppendBool(true);
            falses.AppendBool(i % 2 == 0);
        }

        var flipped = Run(new Chi2DriftDetector(), Set(trues.Build()), Set(falses.Build()));
        Assert.Empty(flipped.Findings);
        Assert.Equal("no categorical column shared by both corpora", Assert.Single(flipped.Absences).Reason);

        var ids = Set(Strings("session", ["a", "b", "c"]));
        Assert.Single(Run(new Chi2DriftDetector(), ids, ids).Absences);
        Assert.Empty(Run(new Chi2DriftDetector(), ids, ids, DetectConfig.Default with { ColumnRoles = false }).Absences);

        var current = Set(Strings("g", ["1", "x"]));
        var baseline = Set(Ints("g", [1, 2]));
        Assert.Empty(Run(new Chi2DriftDetector(), current, baseline).Absences);
    }

    [Fact]
    public void Chi2_AllNullSide_NotApplicable()
    {
        var current = Set(Strings("g", [null, null]));
        var baseline = Set(Strings("g", ["a", "b"]));
        Assert.Single(Run(new Chi2DriftDetector(), current, baseline).Absences);
    }

    [Fact]
    public void Chi2_IntAndStringOfSameTextAreDifferentCategories()
    {
        var b = new Vigil.Core.Columns.ColumnBuilder("g");
        for (int i = 0; i < 30; i++)
        {
            b.AppendInt(1);
        }

        b.AppendString("x");
        var current = Set(Strings("g", [.. Enumerable.Repeat("1", 30), "x"]));
        Finding f = Assert.Single(Run(new Chi2DriftDetector(), current, Set(b.Build())).Findings);
        Assert.Contains("(dof=2)", f.Reason, StringComparison.Ordinal);
    }
}
