using BenchmarkDotNet.Attributes;
using Vigil.Core.Columns;
using Vigil.Detection;
using Vigil.Detection.Configuration;

namespace Vigil.Benchmarks;

/// <summary>
/// Each detector alone, and the whole engine, over the issue-8 corpus (10M rows: sequential id, normal latency,
/// log-normal bytes, status 200/404/500, a planted outlier every 100k rows). Each invocation gets a fresh scan
/// context, so a detector pays for the column profiles it uses.
/// Each call takes 0.1–1 s: run with short-job flags, e.g.
/// <c>--inProcess --launchCount 1 --warmupCount 1 --iterationCount 3 --invocationCount 1 --unrollFactor 1</c>.
/// </summary>
[MemoryDiagnoser]
public class DetectorBenchmarks
{
    private RecordSet _corpus = null!;

    [Params(10_000_000)]
    public int Rows { get; set; }

    [ParamsSource(nameof(DetectorIds))]
    public string Detector { get; set; } = "";

    public static IEnumerable<string> DetectorIds => ["point.modz", "mv.mahalanobis", "coll.cusum", "engine"];

    [GlobalSetup]
    public void Setup() => _corpus = DetectionScanCorpus.Build(Rows);

    [Benchmark]
    public int Run()
    {
        if (Detector == "engine")
        {
            return DetectionEngine.Run(_corpus, null, DetectConfig.Default).Findings.Count;
        }

        IDetector detector = DetectorRegistry.All.First(d => d.Id == Detector);
        var sink = new DetectionSink();
        detector.Run(new ScanContext(_corpus, null, DetectConfig.Default), sink);
        return sink.Findings.Count;
    }
}
