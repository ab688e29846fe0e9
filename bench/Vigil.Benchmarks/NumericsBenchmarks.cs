using BenchmarkDotNet.Attributes;
using Vigil.Core.Numerics;
using Vigil.Core.Values;

namespace Vigil.Benchmarks;

/// <summary>
/// The deterministic reductions on 10M normal doubles: the exact sum against the reference's sorted Neumaier sum
/// it replaces, and the median by selection against the median of a total-order sort.
/// Each call takes 0.1–1 s: run with short-job flags, e.g.
/// <c>--inProcess --launchCount 1 --warmupCount 1 --iterationCount 3 --invocationCount 1 --unrollFactor 1</c>.
/// </summary>
[MemoryDiagnoser]
public class NumericsBenchmarks
{
    private double[] _values = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(5);
        _values = new double[10_000_000];
        for (int i = 0; i < _values.Length; i++)
        {
            _values[i] = 120.0 + (15.0 * Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble()));
        }
    }

    [Benchmark]
    public double ExactSum() => Det.Sum(_values);

    [Benchmark]
    public double SortedNeumaierSum()
    {
        double[] sorted = TotalOrder.SortedCopy(_values);
        double sum = 0.0, comp = 0.0;
        foreach (double x in sorted)
        {
            double t = sum + x;
            comp += Math.Abs(sum) >= Math.Abs(x) ? (sum - t) + x : (x - t) + sum;
            sum = t;
        }

        return sum + comp;
    }

    [Benchmark]
    public double MedianBySelection() => Det.Median(_values)!.Value;

    [Benchmark]
    public double MadBySelection() => Det.Mad(_values)!.Value;

    [Benchmark]
    public double MedianBySort() => Det.QuantileSorted(TotalOrder.SortedCopy(_values), 0.5);
}
