using System.Text.Json;
using Vigil.Core.Findings;
using Vigil.Detection.Configuration;
using static Vigil.Detection.Tests.Corpus;

namespace Vigil.Detection.Tests;

public sealed class EngineTests
{
    [Fact]
    public void Registry_HasTheContractOrder() =>
        Assert.Equal(
            ["point.modz", "struct.schema", "dist.ks", "dist.psi", "dist.chi2", "mv.mahalanobis", "ctx.seasonal", "coll.cusum", "cad.regularity"],
            DetectorRegistry.Ids);

    [Fact]
    public void Registry_MatchesDescribeGolden()
    {
        using JsonDocument golden = JsonDocument.Parse(File.ReadAllBytes(SharedData.Path("anomalyx-golden/describe.json")));
        Assert.Equal(golden.RootElement.GetProperty("detectors").EnumerateArray().Select(e => e.GetString()), DetectorRegistry.Ids);
    }

    [Fact]
    public void ScanBasicGolden_FindingsAndAbsencesMatch()
    {
        // stdin of the golden: id,reading / 1..10 with readings 10,11,9,10,12,8,11,10,9,1000.
        var current = Set(Ints("id", Range(1, 10)), Ints("reading", [10, 11, 9, 10, 12, 8, 11, 10, 9, 1000]));
        DetectionReport report = Scan(current);

        using JsonDocument golden = JsonDocument.Parse(File.ReadAllBytes(SharedData.Path("anomalyx-golden/scan_basic.json")));
        JsonElement root = golden.RootElement;
        string[] dict = root.GetProperty("dict").EnumerateArray().Select(e => e.GetString()!).ToArray();
        JsonElement row = Assert.Single(root.GetProperty("rows").EnumerateArray());

        Finding f = Assert.Single(report.Findings);
        Assert.Equal(dict[row[0].GetInt32()], f.Detector);
        Assert.Equal(dict[row[1].GetInt32()], f.Class.ToToken());
        Assert.Equal(dict[row[2].GetInt32()], f.Handle.ToString());
        Assert.Equal(row[3].GetDouble(), f.Confidence);
        Assert.Equal(dict[row[4].GetInt32()], f.Severity.ToToken());
        Assert.Equal(row[5].GetDouble(), f.Score);
        Assert.Equal(dict[row[6].GetInt32()], f.Reason);

        var expectedAbsent = root.GetProperty("absent").EnumerateArray()
            .Select(a => new Absence(a.GetProperty("detector").GetString()!, a.GetProperty("reason").GetString()!));
        Assert.Equal(expectedAbsent, report.Absences);
        Assert.Equal(root.GetProperty("config_version").GetString(), DetectConfig.Default.ConfigVersion());
    }

    [Fact]
    public void CliFixtures_CleanAndOutlier()
    {
        long[] clean = [10, 11, 9, 10, 12, 11, 10, 9];
        var cleanReport = Scan(Set(Ints("id", Range(1, 8)), Ints("amount", clean)));
        Assert.Empty(cleanReport.Findings);
        Assert.DoesNotContain(cleanReport.Absences, a => a.Detector == "point.modz");

        var outlier = Scan(Set(Ints("id", Range(1, 9)), Ints("amount", [.. clean, 9999])));
        Assert.Equal("cell:amount:8", Assert.Single(outlier.Findings).Handle.ToString());
    }

    [Fact]
    public void ScanBasic_ScoreArithmetic()
    {
        var report = Scan(Set(Ints("reading", [10, 11, 9, 10, 12, 8, 11, 10, 9, 1000])));
        Finding f = Assert.Single(report.Of("point.modz"));
        Assert.Equal(0.6745 * 990 / 1.4826, f.Score);
        Assert.Equal(450.3945770942938, f.Score);
        Assert.Equal(1.0, f.Confidence);
        Assert.Equal(Severity.Critical, f.Severity);
    }

    [Fact]
    public void LibPins_SmallPeriodicColumn()
    {
        // x = 10 + i%3 over 12 rows: no point finding; dist.ks absent (no baseline).
        var clean = Scan(Set(Ints("x", Enumerable.Range(0, 12).Select(i => 10L + (i % 3)))));
        Assert.Empty(clean.Of("point.modz"));
        Assert.Contains(clean.Absences, a => a.Detector == "dist.ks");

        var spiked = Scan(Set(Ints("x", Enumerable.Range(0, 12).Select(i => 10L + (i % 3)).Append(100000))));
        Assert.Single(spiked.Of("point.modz"));
    }

    [Fact]
    public void EmptyCorpus_EveryDetectorDeclinesHonestly()
    {
        var report = Scan(Set());
        Assert.Empty(report.Findings);
        Assert.Equal(
            ["point.modz", "dist.ks", "dist.psi", "dist.chi2", "mv.mahalanobis", "ctx.seasonal", "coll.cusum", "cad.regularity"],
            report.Absences.Select(a => a.Detector));
    }

    [Fact]
    public void Findings_FollowRegistryOrderThenEmissionOrder()
    {
        // A mixed column (struct) and a point outlier: point findings come first regardless of column order.
        var mixed = new Vigil.Core.Columns.ColumnBuilder("m");
        mixed.AppendInt(1);
        mixed.AppendString("x");
        for (int i = 0; i < 8; i++)
        {
            mixed.AppendNull();
        }

        var report = Scan(Set(mixed.Build(), Ints("v", [5, 5, 6, 5, 4, 5, 6, 5, 4, 500])));
        Assert.Equal(["point.modz", "struct.schema", "struct.schema"], report.Findings.Select(f => f.Detector));
    }

    [Fact]
    public void ConcurrentEngine_EqualsSequentialRegistryRun()
    {
        var rng = new SplitMix64(42);
        int n = 500;
        double[] x = Enumerable.Range(0, n).Select(i => ((i % 7) * 10) + (rng.NextUnit() * 2)).ToArray();
        double[] y = x.Select(v => v + rng.NextUnit()).ToArray();
        double[] t = Enumerable.Range(0, n).Select(i => i * 60.0).ToArray();
        x[100] = 500;
        y[200] = -80;
        string?[] g = Enumerable.Range(0, n).Select(i => i % 50 == 0 ? null : ((i % 3) == 0 ? "a" : "b")).ToArray();
        var current = Set(Floats("x", x), Floats("y", y), Floats("t", t), Strings("g", g));
        var baseline = Set(Floats("x", x.Select(v => v + 30)), Floats("y", y), Strings("g", g.Select(v => v == "a" ? "b" : v)), Floats("old", t));
        var config = DetectConfig.Default with { CtxPeriod = 7, CadenceColumn = "t" };

        DetectionReport report = Scan(current, baseline, config);
        DetectionReport sequential = RunSequentially(current, baseline, config);
        Assert.Equal(sequential.Findings, report.Findings);
        Assert.Equal(sequential.Absences, report.Absences);
        // Every class of detector had something to say on this corpus.
        Assert.True(report.Findings.Select(f => f.Detector).Distinct().Count() >= 6, string.Join(",", report.Findings.Select(f => f.Detector).Distinct()));
    }
}
