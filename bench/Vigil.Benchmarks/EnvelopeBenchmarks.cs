using BenchmarkDotNet.Attributes;
using Vigil.Core.Columns;
using Vigil.Core.Envelope;
using Vigil.Core.Findings;
using Vigil.Core.Handles;

namespace Vigil.Benchmarks;

/// <summary>Sorting, interning and writing a tq1 envelope with many findings.</summary>
[MemoryDiagnoser]
public class EnvelopeBenchmarks
{
    private RecordSet _corpus = null!;
    private Finding[] _findings = [];

    [Params(100, 10_000)]
    public int Findings { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var b = new ColumnBuilder("reading");
        for (int i = 0; i < Findings; i++)
        {
            b.AppendFloat(i * 0.5);
        }

        _corpus = new RecordSet("bench.csv", "csv", [b.Build()]);
        _findings = Enumerable.Range(0, Findings)
            .Select(i => Finding.Create("point.modz", AnomalyClass.Point, Handle.ForCell("reading", (Findings * 7919L + i) % Findings), 0.5 + ((i % 50) / 100.0), 3.5 + (i * 0.001), $"reading = {i}.000000: modified z-score exceeds 3.500"))
            .ToArray();
    }

    [Benchmark]
    public int Build() => EnvelopeBuilder.Build(_corpus, "anomalyx-cfg/9", null, _findings, [], OutputScope.None).Json.Length;
}
