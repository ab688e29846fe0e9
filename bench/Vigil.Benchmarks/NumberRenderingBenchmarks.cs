using BenchmarkDotNet.Attributes;
using Vigil.Core.Text;

namespace Vigil.Benchmarks;

/// <summary>Contract number rendering: every envelope row renders two floats, every point reason four fixed-point values.</summary>
[MemoryDiagnoser]
public class NumberRenderingBenchmarks
{
    private readonly double[] _values = [450.3945770942938, 0.8807970779778823, 1.0, 1e-9, 123456.789, 0.05, 2.5e20, 1000.0];

    [Benchmark]
    public int JsonNumberFormat()
    {
        int n = 0;
        foreach (double v in _values)
        {
            n += JsonNumber.Format(v).Length;
        }

        return n;
    }

    [Benchmark]
    public int RustFixed6()
    {
        int n = 0;
        foreach (double v in _values)
        {
            n += RustFormat.Fixed(v, 6).Length;
        }

        return n;
    }

    [Benchmark]
    public int RustExpFixed3()
    {
        int n = 0;
        foreach (double v in _values)
        {
            n += RustFormat.ExpFixed(v, 3).Length;
        }

        return n;
    }
}
