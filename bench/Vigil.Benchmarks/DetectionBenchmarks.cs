using BenchmarkDotNet.Attributes;
using Vigil.Core.Columns;
using Vigil.Detection;
using Vigil.Detection.Configuration;

namespace Vigil.Benchmarks;

/// <summary>
/// The whole detector battery over a 1M-row × 4-column corpus (an identifier, an integer reading with planted
/// outliers, a noisy float, a categorical string), with and without a baseline. Data comes from a fixed formula,
/// not an RNG, so every run measures the same work.
/// </summary>
[MemoryDiagnoser]
public class DetectionBenchmarks
{
    private const int Rows = 1_000_000;
    private RecordSet _current = null!;
    private RecordSet _baseline = null!;

    [GlobalSetup]
    public void Setup()
    {
        _current = Build(shift: 0);
        _baseline = Build(shift: 3);
    }

    [Benchmark]
    public DetectionReport Scan() => DetectionEngine.Run(_current, null, DetectConfig.Default);

    [Benchmark]
    public DetectionReport ScanWithBaseline() => DetectionEngine.Run(_current, _baseline, DetectConfig.Default);

    internal static RecordSet Build(int shift)
    {
        var id = new ColumnBuilder("id", Rows);
        var reading = new ColumnBuilder("reading", Rows);
        var latency = new ColumnBuilder("latency", Rows);
        var group = new ColumnBuilder("group", Rows);
        string[] groups = ["api", "web", "db", "cache", "queue"];
        for (int i = 0; i < Rows; i++)
        {
            id.AppendInt(i);
            reading.AppendInt(i % 250_000 == 10 ? 1_000_000_000 : 100 + shift + (i % 7));
            latency.AppendFloat(20.0 + ((i * 7919L % 1000) / 100.0));
            group.AppendString(groups[(i * 31 + shift) % 5]);
        }

        return new RecordSet("bench", "csv", [id.Build(), reading.Build(), latency.Build(), group.Build()]);
    }
}
