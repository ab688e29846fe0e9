using System.Diagnostics;
using System.Globalization;
using Vigil.Core.Numerics;

namespace Vigil.Benchmarks;

/// <summary><c>numerics-probe [n]</c>: CPU time of the exact sum and of selection on n normal doubles, to find hot spots.</summary>
internal static class NumericsProbe
{
    public static void Run(string[] args)
    {
        int n = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000_000;
        var random = new Random(3);
        double[] xs = new double[n];
        long[] ints = new long[n];
        for (int i = 0; i < n; i++)
        {
            xs[i] = 120 + (15 * (random.NextDouble() - 0.5));
            ints[i] = (long)Math.Exp(8 + random.NextDouble());
        }

        Time("exact sum (double)", () => ExactSum.Of(xs));
        Time("exact sum (long)", () =>
        {
            var s = new ExactSum();
            s.Add(ints);
            return s.Result();
        });
        Time("median (double)", () => OrderStatistics.Quantile<double, OrderStatistics.Identity>(xs, 0.5, default)!.Value);
        Time("mad (double)", () => OrderStatistics.Quantile<double, OrderStatistics.AbsoluteDeviation>(xs, 0.5, new(120))!.Value);
        Time("median (long)", () => OrderStatistics.Quantile<long, OrderStatistics.Identity>(ints, 0.5, default)!.Value);
        Time("sort copy (double)", () => Vigil.Core.Values.TotalOrder.SortedCopy(xs)[n / 2]);
    }

    private static void Time(string what, Func<double> work)
    {
        double result = work();
        double bestWall = double.MaxValue, bestCpu = double.MaxValue;
        for (int r = 0; r < 7; r++)
        {
            TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            work();
            bestWall = Math.Min(bestWall, wall.Elapsed.TotalMilliseconds);
            bestCpu = Math.Min(bestCpu, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
        }

        // Best of 7: the machine is shared, and the minimum is the least disturbed run.
        Console.WriteLine(FormattableString.Invariant($"{what,-20} wall {bestWall,7:F1} ms, cpu {bestCpu,7:F1} ms ({result})"));
    }
}
