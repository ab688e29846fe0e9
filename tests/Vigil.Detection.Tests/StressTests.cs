using CsCheck;
using Vigil.Core.Columns;
using Vigil.Core.Findings;
using Vigil.Core.Values;
using Vigil.Detection.Configuration;
using Vigil.Detection.Detectors;
using static Vigil.Detection.Tests.Corpus;

namespace Vigil.Detection.Tests;

public sealed class StressTests
{
    [Fact]
    public void GroundTruth_ThousandRows_ExactlyThePlantedOutliers()
    {
        double[] v = Enumerable.Range(0, 1000).Select(i => 100 + (((i * 7919) % 11) * 0.01)).ToArray();
        int[] planted = [137, 503, 902];
        foreach (int r in planted)
        {
            v[r] = 1e6;
        }

        DetectionReport report = Scan(Set(Floats("v", v)));
        Assert.Equal(planted.Select(r => $"cell:v:{r}"), report.Of("point.modz").Select(f => f.Handle.ToString()));
    }

    [Fact]
    public void Reproducible_FortyThousandRows()
    {
        RecordSet Build()
        {
            ulong x = 0x2545F4914F6CDD1DUL;
            double Unit()
            {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                return (x >> 11) / (double)(1UL << 53);
            }

            var a = new ColumnBuilder("a");
            var b = new ColumnBuilder("b");
            var g = new ColumnBuilder("g");
            string[] labels = ["x", "y", "z"];
            for (int i = 0; i < 40_000; i++)
            {
                a.AppendFloat(Math.Round(Unit() * 100));
                b.AppendFloat(Unit() * 5);
                g.AppendString(labels[i % 3]);
            }

            return Set(a.Build(), b.Build(), g.Build());
        }

        string first = Render(Scan(Build(), Build(), DetectConfig.Default with { CtxPeriod = 3 }));
        string second = Render(Scan(Build(), Build(), DetectConfig.Default with { CtxPeriod = 3 }));
        Assert.Equal(first, second);
    }

    [Fact]
    public void MillionRows_FlagsExactlyThePlantedRows_Deterministically()
    {
        RecordSet Build()
        {
            var reading = new ColumnBuilder("reading", 1_000_000);
            var g = new ColumnBuilder("g", 1_000_000);
            var planted = new HashSet<int> { 10, 250_000, 500_000, 750_000, 999_999 };
            string[] labels = ["a", "b", "c", "d"];
            for (int i = 0; i < 1_000_000; i++)
            {
                reading.AppendInt(planted.Contains(i) ? 1_000_000_000 : 100 + (i % 7));
                g.AppendString(labels[i % 4]);
            }

            return Set(reading.Build(), g.Build());
        }

        DetectionReport a = Scan(Build());
        DetectionReport b = Scan(Build());
        Assert.Equal(["cell:reading:10", "cell:reading:250000", "cell:reading:500000", "cell:reading:750000", "cell:reading:999999"], a.Of("point.modz").Select(f => f.Handle.ToString()));
        Assert.Equal(Render(a), Render(b));
    }

    [Fact]
    public void PlantedOutliers_RecoveredWithoutFalsePositives_AcrossSeeds()
    {
        for (ulong seed = 1; seed <= 20; seed++)
        {
            var rng = new SplitMix64(seed);
            int n = 200 + rng.NextInt(800);
            double[] v = new double[n];
            for (int i = 0; i < n; i++)
            {
                // Bounded noise: |x − 50| ≤ 5, far inside the modified-z threshold.
                v[i] = 50 + ((rng.NextUnit() - 0.5) * 10);
            }

            var planted = new SortedSet<int>();
            while (planted.Count < 3)
            {
                planted.Add(rng.NextInt(n));
            }

            foreach (int r in planted)
            {
                v[r] = 50 + ((rng.NextUnit() < 0.5 ? -1 : 1) * (500 + (rng.NextUnit() * 1000)));
            }

            var flagged = Run(new PointModzDetector(), Set(Floats("v", v))).Findings.Select(f => (int)f.Handle.Row);
            Assert.Equal(planted, flagged);
        }
    }

    [Fact]
    public void OrderIndependent_PointStructDistMv_AsSets()
    {
        for (ulong seed = 1; seed <= 8; seed++)
        {
            var rng = new SplitMix64(seed * 7919);
            int n = 60 + rng.NextInt(200);
            double[] x = new double[n], y = new double[n], bx = new double[n];
            string?[] g = new string?[n];
            string?[] bg = new string?[n];
            string[] labels = ["p", "q", "r"];
            for (int i = 0; i < n; i++)
            {
                x[i] = Math.Round(rng.NextUnit() * 100) / 4;
                y[i] = x[i] + (rng.NextUnit() * 3);
                bx[i] = rng.NextUnit() * 60;
                g[i] = rng.NextUnit() < 0.1 ? null : labels[rng.NextInt(3)];
                bg[i] = labels[rng.NextInt(2)];
            }

            x[rng.NextInt(n)] = 900;
            y[rng.NextInt(n)] = -300;
            var baseline = Set(Floats("x", bx), Floats("y", bx), Strings("g", bg));
            var config = DetectConfig.Default;

            var original = Scan(Set(Floats("x", x), Floats("y", y), Strings("g", g)), baseline, config);
            int[] perm = rng.Permutation(n);
            var permuted = Scan(Set(Floats("x", perm.Select(i => x[i])), Floats("y", perm.Select(i => y[i])), Strings("g", perm.Select(i => g[i]))), baseline, config);

            foreach (string detector in new[] { "point.modz", "struct.schema", "dist.ks", "dist.psi", "dist.chi2", "mv.mahalanobis" })
            {
                Assert.Equal(Keys(original, detector, row => row), Keys(permuted, detector, row => perm[row]));
            }

            Assert.Equal(original.Absences, permuted.Absences);
        }
    }

    [Fact]
    public void Point_InvariantUnderShiftAndPositiveScale()
    {
        Gen.Select(Gen.Int[-20, 20].Array[10, 60], Gen.Double[-1e6, 1e6], Gen.Double[0.001, 1000]).Sample((ints, shift, scale) =>
        {
            double[] xs = [.. ints.Select(i => (double)i), 400];
            double[] moved = xs.Select(v => (v * scale) + shift).ToArray();
            var a = Run(new PointModzDetector(), Set(Floats("v", xs))).Findings.Select(f => f.Handle.Row).ToArray();
            var b = Run(new PointModzDetector(), Set(Floats("v", moved))).Findings.Select(f => f.Handle.Row).ToArray();
            Assert.Equal(a, b);
        }, iter: 100);
    }

    [Fact]
    public void Ks_SymmetricAndBounded()
    {
        Gen.Select(Gen.Double[-100, 100].Array[1, 80], Gen.Double[-100, 100].Array[1, 80]).Sample((a, b) =>
        {
            double[] sa = TotalOrder.SortedCopy(a);
            double[] sb = TotalOrder.SortedCopy(b);
            double d = KsDriftDetector.Statistic(sa, sb)!.Value;
            Assert.InRange(d, 0.0, 1.0);
            Assert.Equal(d, KsDriftDetector.Statistic(sb, sa));
        }, iter: 200);
    }

    [Fact]
    public void Psi_NeverMeaningfullyNegative()
    {
        Gen.Select(Gen.Double[-100, 100].Array[10, 80], Gen.Double[-100, 100].Array[1, 80]).Sample((a, b) =>
        {
            double? psi = PsiDriftDetector.Psi(Vigil.Detection.Numerics.SortedSample.Of(a), b, 10);
            Assert.True(psi is null || psi >= -1e-9);
        }, iter: 200);
    }

    [Fact]
    public void Mahalanobis_TranslationInvariant()
    {
        Gen.Select(Gen.Double[-1e4, 1e4], Gen.Double[-1e4, 1e4], Gen.Int[0, 1000]).Sample((dx, dy, seed) =>
        {
            var rng = new SplitMix64((ulong)seed);
            double[] x = Enumerable.Range(0, 40).Select(i => (double)(i % 10)).ToArray();
            double[] y = x.Select(v => v + (rng.NextInt(5) * 0.1)).ToArray();
            x[rng.NextInt(40)] = 0;
            y[rng.NextInt(40)] = 9;
            var a = Run(new MahalanobisDetector(), Set(Floats("x", x), Floats("y", y))).Findings.Select(f => f.Handle.Row);
            var b = Run(new MahalanobisDetector(), Set(Floats("x", x.Select(v => v + dx)), Floats("y", y.Select(v => v + dy)))).Findings.Select(f => f.Handle.Row);
            Assert.Equal(a, b);
        }, iter: 50);
    }

    private static SortedSet<string> Keys(DetectionReport report, string detector, Func<long, long> mapRow) =>
        new(report.Of(detector).Select(f => f.Handle.Kind switch
        {
            Vigil.Core.Handles.HandleKind.Cell => $"cell:{f.Handle.Column}:{mapRow(f.Handle.Row)}",
            Vigil.Core.Handles.HandleKind.Row => $"row:{mapRow(f.Handle.Row)}",
            _ => f.Handle.ToString(),
        } + $"|{f.Score:R}|{f.Confidence:R}"), StringComparer.Ordinal);

    private static string Render(DetectionReport report) =>
        string.Join("\n", report.Findings.Select(f => $"{f.Detector}|{f.Handle}|{f.Confidence:R}|{f.Score:R}|{f.Reason}"))
        + "\n--\n" + string.Join("\n", report.Absences.Select(a => $"{a.Detector}|{a.Reason}"));
}
