using CsCheck;
using Vigil.Core.Columns;
using Vigil.Core.Findings;
using Vigil.Core.Handles;
using Vigil.Detection.Configuration;
using Vigil.Detection.Detectors;
using static Vigil.Detection.Tests.Corpus;

namespace Vigil.Detection.Tests;

/// <summary>The column-parallel engine, the Mahalanobis vector screen and deferred reasons against their plain counterparts.</summary>
public sealed class ScanEngineTests
{
    private static (string Handle, double Score, double Confidence, string Reason)[] Shape(IEnumerable<Finding> findings) =>
        findings.Select(f => (f.Handle.ToString(), f.Score, f.Confidence, f.Reason)).ToArray();

    // Int and Float columns, with and without nulls and non-finite cells, planted joint and single outliers.
    private static RecordSet Mixed(ulong seed, int n, int features)
    {
        var rng = new SplitMix64(seed);
        var columns = new List<Column> { Ints("id", Range(0, n)) };
        for (int j = 0; j < features; j++)
        {
            double[] values = Enumerable.Range(0, n).Select(i => Math.Round(100 + (j * 7) + ((rng.NextUnit() - 0.5) * 20) + (i % 5), 2)).ToArray();
            values[(int)(seed % (ulong)n)] += 400 * (j + 1);
            if (j == 1)
            {
                values[n / 3] = double.NaN;
                columns.Add(Floats("f" + j, values));
            }
            else if (j == 2)
            {
                columns.Add(Ints("n" + j, values.Select(v => (long)v)));
            }
            else
            {
                columns.Add(Floats("f" + j, values));
            }
        }

        return Set([.. columns]);
    }

    [Fact]
    public void Engine_equals_a_sequential_registry_run_on_mixed_columns()
    {
        foreach (ulong seed in new ulong[] { 3, 17, 99 })
        {
            RecordSet current = Mixed(seed, 3_000, 3);
            RecordSet baseline = Mixed(seed + 1, 2_000, 3);
            DetectConfig config = DetectConfig.Default with { CtxPeriod = 5 };
            DetectionReport report = Scan(current, baseline, config);
            DetectionReport sequential = RunSequentially(current, baseline, config);
            Assert.Equal(Shape(sequential.Findings), Shape(report.Findings));
            Assert.Equal(sequential.Absences, report.Absences);
            Assert.Contains(report.Findings, f => f.Detector == "mv.mahalanobis");
        }
    }

    [Fact]
    public void Mahalanobis_vector_screen_keeps_exactly_what_the_scalar_path_flags()
    {
        int flagged = 0;
        Gen.Select(Gen.ULong, Gen.Int[2, 3], Gen.Int[20, 700]).Sample((seed, dim, n) =>
        {
            RecordSet set = Mixed(seed, n, dim);
            var config = DetectConfig.Default with { MvAlpha = 0.05 };
            var vector = Run(new MahalanobisDetector(), set, null, config);
            var scalar = Run(new MahalanobisDetector { VectorScreen = false }, set, null, config);
            Assert.Equal(Shape(scalar.Findings), Shape(vector.Findings));
            Assert.Equal(scalar.Absences, vector.Absences);
            Interlocked.Add(ref flagged, scalar.Findings.Count);
        }, iter: 60);
        Assert.True(flagged > 60, $"only {flagged} rows flagged: the comparison would be vacuous");
    }

    [Fact]
    public void Reasons_are_formatted_once_and_only_when_read()
    {
        int calls = 0;
        Finding lazy = Finding.Create("d", AnomalyClass.Point, Handle.ForRow(1), 0.9, 2.0, () =>
        {
            calls++;
            return "why";
        });
        Assert.Equal(0, calls);
        Assert.Equal("why", lazy.Reason);
        Assert.Equal("why", lazy.Reason);
        Assert.Equal(1, calls);
        Finding eager = Finding.Create("d", AnomalyClass.Point, Handle.ForRow(1), 0.9, 2.0, "why");
        Assert.Equal(eager, lazy);
        Assert.Equal(eager.GetHashCode(), lazy.GetHashCode());
        Assert.NotEqual(eager, Finding.Create("d", AnomalyClass.Point, Handle.ForRow(1), 0.9, 2.0, () => "other"));
    }
}
