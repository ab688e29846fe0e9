using System.Diagnostics;
using System.Globalization;
using Vigil.Core.Columns;
using Vigil.Detection;
using Vigil.Detection.Configuration;

namespace Vigil.Benchmarks;

/// <summary>
/// <c>detect-probe [rows] [runs]</c>: end-to-end <see cref="DetectionEngine.Run(RecordSet, RecordSet?, DetectConfig)"/>
/// on the issue-8 corpus, printing wall and CPU time, allocated bytes and the peak managed heap per run. One
/// process, no BenchmarkDotNet harness: the corpus (10M × 4) is too large to rebuild per iteration.
/// </summary>
internal static class DetectionScanProbe
{
    public static void Run(string[] args)
    {
        int rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000_000;
        int runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        RecordSet corpus = DetectionScanCorpus.Build(rows);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long baseHeap = GC.GetTotalMemory(true);
        Console.WriteLine(FormattableString.Invariant($"corpus {rows} rows x 4, managed heap {baseHeap / 1e6:F0} MB, {Environment.ProcessorCount} cores"));
        for (int r = 0; r < runs; r++)
        {
            GC.Collect();
            long allocated = GC.GetTotalAllocatedBytes(true);
            TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            DetectionReport report = DetectionEngine.Run(corpus, null, DetectConfig.Default);
            wall.Stop();
            double cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            long alloc = GC.GetTotalAllocatedBytes(true) - allocated;
            Console.WriteLine(FormattableString.Invariant(
                $"run {r}: engine wall {wall.Elapsed.TotalMilliseconds:F0} ms, cpu {cpuMs:F0} ms, allocated {alloc / 1e6:F1} MB, findings {report.Findings.Count}, absences {report.Absences.Count}, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB"));
        }

        PerDetector(corpus);
        PerStatistic(corpus);
    }

    // The shared per-column statistics alone, each on a fresh profile, one thread.
    private static void PerStatistic(RecordSet corpus)
    {
        foreach (Column column in corpus.Columns)
        {
            Measure(column.Name + " sum", () => Vigil.Detection.Numerics.ColumnProfile.Of(column).Sum);
            Measure(column.Name + " median", () => Vigil.Detection.Numerics.ColumnProfile.Of(column).Median);
            var profile = Vigil.Detection.Numerics.ColumnProfile.Of(column);
            _ = profile.Median;
            Measure(column.Name + " mad", () => profile.Mad);
            Measure(column.Name + " variance", () => Vigil.Detection.Numerics.ColumnProfile.Of(column).Variance);
        }
    }

    private static void Measure(string what, Func<double?> work)
    {
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        double? result = work();
        Console.WriteLine(FormattableString.Invariant(
            $"  {what,-20} wall {wall.Elapsed.TotalMilliseconds,6:F0} ms, cpu {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds,6:F0} ms ({result})"));
    }

    // Each detector alone on a fresh context (so each pays for the profiles it uses), one thread.
    private static void PerDetector(RecordSet corpus)
    {
        foreach (IDetector detector in DetectorRegistry.All)
        {
            var context = new ScanContext(corpus, null, DetectConfig.Default);
            var sink = new DetectionSink();
            GC.Collect();
            long allocated = GC.GetTotalAllocatedBytes(true);
            TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            detector.Run(context, sink);
            wall.Stop();
            double cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            long alloc = GC.GetTotalAllocatedBytes(true) - allocated;
            Console.WriteLine(FormattableString.Invariant(
                $"  {detector.Id,-15} wall {wall.Elapsed.TotalMilliseconds,6:F0} ms, cpu {cpuMs,6:F0} ms, allocated {alloc / 1e6,7:F1} MB, findings {sink.Findings.Count}"));
        }
    }
}
