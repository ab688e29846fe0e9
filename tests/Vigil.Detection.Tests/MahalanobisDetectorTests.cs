using Vigil.Core.Findings;
using Vigil.Detection.Configuration;
using Vigil.Detection.Detectors;
using static Vigil.Detection.Tests.Corpus;

namespace Vigil.Detection.Tests;

public sealed class MahalanobisDetectorTests
{
    private static readonly MahalanobisDetector Detector = new();

    private static (double[] X, double[] Y) Cloud(int n = 40)
    {
        double[] x = Enumerable.Range(0, n).Select(i => (double)(i % 10)).ToArray();
        double[] y = Enumerable.Range(0, n).Select(i => (i % 10) + (0.4 * ((i / 10) % 2))).ToArray();
        return (x, y);
    }

    [Fact]
    public void Covariance_ReferencePin()
    {
        double[][] data = [[1, 2, 6], [1, 3, 5]];
        double[][] cov = MahalanobisDetector.Covariance(Vigil.Detection.Numerics.FeatureTable.FromArrays(data), [3, 3]);
        Assert.Equal(7.0, cov[0][0]);
        Assert.Equal(4.0, cov[1][1]);
        Assert.Equal(5.0, cov[0][1]);
        Assert.Equal(5.0, cov[1][0]);
        MahalanobisDetector.AddRidge(cov, 1.0);
        Assert.Equal(12.5, cov[0][0]);
        Assert.Equal(9.5, cov[1][1]);
        Assert.Equal(5.0, cov[0][1]);
    }

    [Fact]
    public void Cholesky_ReferencePins()
    {
        double[][] l = MahalanobisDetector.Cholesky([[4, 2], [2, 3]])!;
        Assert.Equal([2.0, 0.0], l[0]);
        Assert.Equal([1.0, Math.Sqrt(2)], l[1]);
        Assert.Null(MahalanobisDetector.Cholesky([[1, 2], [2, 1]]));
        Assert.Null(MahalanobisDetector.Cholesky([[0, 0], [0, 1]]));
    }

    [Fact]
    public void ForwardSolve_ReferencePin()
    {
        double[] z = new double[2], scratch = new double[2];
        MahalanobisDetector.ForwardSolve([[2, 0], [1, 3]], [4, 11], z, scratch);
        Assert.Equal([2.0, 3.0], z);
    }

    [Fact]
    public void CorrelatedCloud_CleanAndNotAbsent()
    {
        var (x, y) = Cloud();
        var sink = Run(Detector, Set(Floats("x", x), Floats("y", y)));
        Assert.Empty(sink.Findings);
        Assert.Empty(sink.Absences);
    }

    [Fact]
    public void OffAxisPoint_FlaggedExactlyAtItsRow()
    {
        var (x, y) = Cloud();
        var sink = Run(Detector, Set(Floats("x", [.. x, 0]), Floats("y", [.. y, 9])));
        Finding f = Assert.Single(sink.Findings);
        Assert.Equal("row:40", f.Handle.ToString());
        Assert.True(f.Confidence > 0.95);
        Assert.Equal(AnomalyClass.Multivariate, f.Class);
        Assert.Null(f.ColType);
        Assert.Matches(@"^row 40: Mahalanobis D²=\d+\.\d{3} over 2 numeric columns, p=\d\.\d{3}e-\d+ < α=1\.000e-3 — joint outlier$", f.Reason);
    }

    [Fact]
    public void Alpha_IsStrict()
    {
        // §4.6: flag iff p < mv_alpha, with p = 1 − χ²₂ CDF(D²). At α = p the row is clean; one ulp above, flagged.
        var (x, y) = Cloud();
        var corpus = Set(Floats("x", [.. x, 0]), Floats("y", [.. y, 9]));
        Finding f = Assert.Single(Run(Detector, corpus).Findings);
        double p = Vigil.Detection.Statistics.SpecialFunctions.ChiSquaredPValue(f.Score, 2);
        Assert.True(p > 0 && p < 0.001, p.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var at = Run(Detector, corpus, config: DetectConfig.Default with { MvAlpha = p });
        Assert.Empty(at.Findings);
        Assert.Empty(at.Absences);
        var past = Run(Detector, corpus, config: DetectConfig.Default with { MvAlpha = Math.BitIncrement(p) });
        Assert.Equal("row:40", Assert.Single(past.Findings).Handle.ToString());
    }

    [Fact]
    public void FewerThanTwoFeatures_Absent()
    {
        var sink = Run(Detector, Set(Floats("x", Cloud().X)));
        Assert.Equal("needs at least 2 numeric columns for a multivariate distance", Assert.Single(sink.Absences).Reason);
    }

    [Fact]
    public void IdentifierExcluded_LeavesOneFeature()
    {
        var (x, _) = Cloud();
        var sink = Run(Detector, Set(Floats("x", x), Floats("flow_id", x.Select(v => v * 3))));
        Assert.Equal("needs at least 2 numeric columns for a multivariate distance", Assert.Single(sink.Absences).Reason);
        Assert.Empty(Run(Detector, Set(Floats("x", x), Floats("flow_id", x.Select((v, i) => v * i))), config: DetectConfig.Default with { ColumnRoles = false }).Absences);
    }

    [Fact]
    public void TwoConstantColumns_Singular()
    {
        var sink = Run(Detector, Set(Floats("a", Repeat(1, 25)), Floats("b", Repeat(2, 25))));
        Assert.Equal("covariance is singular (constant or collinear columns)", Assert.Single(sink.Absences).Reason);
    }

    [Fact]
    public void CompleteRows_NineteenAbsent_TwentyAssessed()
    {
        var (x, y) = Cloud(20);
        y[3] = double.NaN;
        var sink = Run(Detector, Set(Floats("x", x), Floats("y", y)));
        Assert.Equal("fewer than 20 complete numeric rows to estimate a covariance", Assert.Single(sink.Absences).Reason);

        var (x2, y2) = Cloud(20);
        Assert.Empty(Run(Detector, Set(Floats("x", x2), Floats("y", y2))).Absences);
    }

    [Fact]
    public void Rows_KeepOriginalIndicesWhenIncompleteRowsAreDropped()
    {
        var (x, y) = Cloud();
        double[] xs = [double.NaN, .. x, 0];
        double[] ys = [5, .. y, 9];
        var sink = Run(Detector, Set(Floats("x", xs), Floats("y", ys)));
        Assert.Equal("row:41", Assert.Single(sink.Findings).Handle.ToString());
    }
}
