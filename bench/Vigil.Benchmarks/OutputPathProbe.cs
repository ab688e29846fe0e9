using System.Buffers;
using System.Diagnostics;
using Vigil.Core.Columns;
using Vigil.Core.Envelope;
using Vigil.Core.Findings;
using Vigil.Core.Handles;
using Vigil.Core.Text;

namespace Vigil.Benchmarks;

/// <summary>
/// Phase CPU times of the scan output path (sort, reason text, tq1 bytes) on synthetic point.modz and
/// mahalanobis findings with deferred reasons, as the detectors emit them: <c>output-probe [count]</c>.
/// </summary>
internal static class OutputPathProbe
{
    public static void Run(string[] args)
    {
        int count = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 250_000;
        for (int round = 0; round < 3; round++)
        {
            Finding[] findings = Make(count);
            var corpus = new RecordSet("bench.csv", "csv", []);
            long t0 = Cpu();
            Finding[] sorted = FindingOrder.Sort(findings);
            long t1 = Cpu();
            foreach (Finding f in sorted)
            {
                _ = f.Reason;
            }

            long t2 = Cpu();
            ScanEnvelope envelope = EnvelopeBuilder.Build(corpus, "anomalyx-cfg/9", null, findings, [], OutputScope.None);
            long t3 = Cpu();
            var buffer = new ArrayBufferWriter<byte>(count * 200);
            Tq1Writer.Write(envelope, buffer);
            long t4 = Cpu();
            double us = 0.1 / count;
            Console.WriteLine(FormattableString.Invariant(
                $"{count} findings: sort {(t1 - t0) * us:F3} µs, reasons {(t2 - t1) * us:F3} µs, build {(t3 - t2) * us:F3} µs, write {(t4 - t3) * us:F3} µs per finding; {buffer.WrittenCount} bytes"));
        }
    }

    // CPU time (user+sys, all threads) in 100 ns ticks: the machine is shared, so wall time would measure neighbours.
    private static long Cpu() => Process.GetCurrentProcess().TotalProcessorTime.Ticks;

    private static Finding[] Make(int count)
    {
        var findings = new Finding[count];
        for (int i = 0; i < count; i++)
        {
            // A fixed LCG keeps the probe deterministic.
            double x = ((i * 2654435761L) % 1_000_003) / 7.3, modz = 3.5 + ((i % 997) / 101.0), center = 412.25, scale = 17.0625;
            int row = (int)((i * 40503L) % (count * 40L));
            findings[i] = (i % 3) switch
            {
                0 => Finding.Create("mahalanobis", AnomalyClass.Multivariate, Handle.ForRow(row), 0.5 + ((i % 50) / 100.0), modz * 4,
                    () => $"row {row}: Mahalanobis D²={RustFormat.Fixed(modz * 4, 3)} over 3 numeric columns, p={RustFormat.ExpFixed(1e-9 / modz, 3)} < α={RustFormat.ExpFixed(1e-6, 3)} — joint outlier"),
                _ => Finding.Create("point.modz", AnomalyClass.Point, Handle.ForCell(i % 2 == 0 ? "latency_ms" : "bytes", row), 0.5 + ((i % 50) / 100.0), modz,
                    () => $"latency_ms = {RustFormat.Fixed(x, 6)}: modified z-score {RustFormat.Fixed(modz, 3)} exceeds {RustFormat.Fixed(3.5, 3)} (center={RustFormat.Fixed(center, 6)}, scale={RustFormat.Fixed(scale, 6)})"),
            };
        }

        return findings;
    }
}
