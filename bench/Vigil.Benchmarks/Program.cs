using BenchmarkDotNet.Running;

namespace Vigil.Benchmarks;

internal static class Program
{
    private static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "detect-probe")
        {
            DetectionScanProbe.Run(args[1..]);
            return;
        }

        if (args.Length > 0 && args[0] == "output-probe")
        {
            OutputPathProbe.Run(args[1..]);
            return;
        }

        if (args.Length > 0 && args[0] == "numerics-probe")
        {
            NumericsProbe.Run(args[1..]);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
