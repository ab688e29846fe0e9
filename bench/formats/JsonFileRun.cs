using System.Diagnostics;
using System.Globalization;
using System.Text;
using Vigil.Core.Columns;
using Vigil.Formats;
using Vigil.Formats.Engine;
using Vigil.Formats.Input;

/// <summary>
/// File-based runs for the JSON family: <c>--write DIR MB</c> streams the generated NDJSON, EVE and CloudTrail inputs
/// to disk; <c>--file FORMAT PATH [THREADS]</c> reads one through <see cref="InputSource"/> as <c>vigil scan</c> does
/// and prints wall and CPU seconds, MB/s and the process's peak RSS, which then reflects the parser and the columns,
/// not a generated input held in memory.
/// </summary>
internal static class JsonFileRun
{
    public static int Run(string[] args)
    {
        if (args[0] == "--write" && args.Length == 3)
        {
            long target = long.Parse(args[2], CultureInfo.InvariantCulture) * 1024 * 1024;
            Write(Path.Combine(args[1], "bench.ndjson"), JsonLogLines.Ndjson, target, null);
            Write(Path.Combine(args[1], "bench-eve.json"), JsonLogLines.Eve, target, null);
            Write(Path.Combine(args[1], "bench-cloudtrail.json"), CloudTrailLine, target, "]}\n");
            return 0;
        }

        if (args[0] == "--file" && args.Length >= 3)
        {
            IFormatParser parser = FormatRegistry.Find(args[1]) ?? throw new ArgumentException("unknown format " + args[1]);
            var options = new BatchOptions(Parallelism: args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 0);
            TimeSpan cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            using InputSource input = InputSource.Open(args[2]);
            IReadOnlyList<Column> columns = FormatResolver.ReadAll(parser, input, options).Columns;
            sw.Stop();
            var process = Process.GetCurrentProcess();
            double cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
            double mb = new FileInfo(args[2]).Length / (1024.0 * 1024.0);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{args[1],-10} {mb,7:F1} MB  wall {sw.Elapsed.TotalSeconds,6:F3} s ({mb / sw.Elapsed.TotalSeconds,6:F1} MB/s)  cpu {cpu,6:F3} s ({mb / cpu,6:F1} MB/s)  peak RSS {process.PeakWorkingSet64 / (1024.0 * 1024.0),6:F0} MB  ({columns.Count} columns, {(columns.Count > 0 ? columns[0].Length : 0)} rows)"));
            return 0;
        }

        Console.Error.WriteLine("usage: --write DIR MB | --file FORMAT PATH [THREADS]");
        return 2;
    }

    /// <summary>A CloudTrail document one record per line: the header before the first, commas between.</summary>
    public static string CloudTrailLine(int i) => (i == 0 ? "{\"Records\":[\n" : ",") + JsonLogLines.CloudTrailRecord(i);

    private static void Write(string path, Func<int, string> line, long target, string? footer)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        long written = 0;
        for (int i = 0; written < target; i++)
        {
            string text = line(i);
            writer.Write(text);
            writer.Write('\n');
            written += Encoding.UTF8.GetByteCount(text) + 1;
        }

        if (footer is not null)
        {
            writer.Write(footer);
        }
    }
}
