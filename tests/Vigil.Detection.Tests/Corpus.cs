using Vigil.Core.Columns;
using Vigil.Core.Findings;
using Vigil.Detection.Configuration;

namespace Vigil.Detection.Tests;

/// <summary>Builds small corpora directly from typed columns, and runs the engine or one detector over them.</summary>
internal static class Corpus
{
    public static Column Floats(string name, IEnumerable<double> values)
    {
        var b = new ColumnBuilder(name);
        foreach (double v in values)
        {
            if (double.IsNaN(v))
            {
                b.AppendNull();
            }
            else
            {
                b.AppendFloat(v);
            }
        }

        return b.Build();
    }

    public static Column Ints(string name, IEnumerable<long> values)
    {
        var b = new ColumnBuilder(name);
        foreach (long v in values)
        {
            b.AppendInt(v);
        }

        return b.Build();
    }

    public static Column Strings(string name, IEnumerable<string?> values)
    {
        var b = new ColumnBuilder(name);
        foreach (string? v in values)
        {
            if (v is null)
            {
                b.AppendNull();
            }
            else
            {
                b.AppendString(v);
            }
        }

        return b.Build();
    }

    public static RecordSet Set(params Column[] columns) => new("-", "csv", columns);

    public static DetectionReport Scan(RecordSet current, RecordSet? baseline = null, DetectConfig? config = null) =>
        DetectionEngine.Run(current, baseline, config ?? DetectConfig.Default);

    public static DetectionSink Run(IDetector detector, RecordSet current, RecordSet? baseline = null, DetectConfig? config = null)
    {
        var sink = new DetectionSink();
        detector.Run(new ScanContext(current, baseline, config ?? DetectConfig.Default), sink);
        return sink;
    }

    /// <summary>Every registered detector run one after another on one context: what the parallel engine must equal.</summary>
    public static DetectionReport RunSequentially(RecordSet current, RecordSet? baseline, DetectConfig config)
    {
        var context = new ScanContext(current, baseline, config);
        var findings = new List<Finding>();
        var absences = new List<Absence>();
        foreach (IDetector detector in DetectorRegistry.All)
        {
            var sink = new DetectionSink();
            detector.Run(context, sink);
            findings.AddRange(sink.Findings);
            absences.AddRange(sink.Absences);
        }

        return new DetectionReport(findings, absences);
    }

    public static IEnumerable<Finding> Of(this DetectionReport report, string detector) => report.Findings.Where(f => f.Detector == detector);

    public static IEnumerable<long> Range(int start, int count) => Enumerable.Range(start, count).Select(i => (long)i);

    public static IEnumerable<double> Repeat(double value, int count) => Enumerable.Repeat(value, count);
}

/// <summary>SplitMix64: a fixed-seed generator so stress data is identical on every run and machine.</summary>
internal sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextUnit() => (Next() >> 11) * (1.0 / (1UL << 53));

    public int NextInt(int bound) => (int)(Next() % (ulong)bound);

    /// <summary>A uniformly random permutation of 0..n−1 (Fisher–Yates).</summary>
    public int[] Permutation(int n)
    {
        int[] p = Enumerable.Range(0, n).ToArray();
        for (int i = n - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (p[i], p[j]) = (p[j], p[i]);
        }

        return p;
    }
}
