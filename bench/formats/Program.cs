using System.Diagnostics;
using System.Globalization;
using System.Text;
using Vigil.Core.Columns;
using Vigil.Formats;

// Parser throughput (issue 3 acceptance 5): generates ≥ 100 MB of syslog, auditd, zeek (and csv) text in memory and
// reports MB/s and lines/s of IFormatParser.Parse (UTF-8 validation, decoding and column building included).
// Usage: dotnet run -c Release --project bench/formats -- --parse-file PATH [FORMAT|- [PARALLELISM [BATCH_BYTES]]]
//        (parse-only of a file through the streaming engine: wall, CPU, peak RSS; one run per process, so RSS is honest)
if (args.Length > 0 && args[0] == "--parse-file")
{
    return ParseFile(args[1], args.Length > 2 && args[2] != "-" ? args[2] : null, args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 0, args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 0);
}

// Usage: dotnet run -c Release --project bench/formats [-- MEGABYTES [RUNS [FORMATS [THREADS]]]]
//   FORMATS: comma-separated ids (default all); THREADS: parse parallelism (default one per core, 1 = single-threaded).
// JSON family: -- --write DIR MEGABYTES writes the generated inputs; -- --file FORMAT PATH [THREADS] reads one from disk
// and reports time and peak RSS (the memory bound is checked on a file, not on an input held in memory).
if (args.Length > 0 && args[0].StartsWith("--", StringComparison.Ordinal))
{
    return JsonFileRun.Run(args);
}

int megabytes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100;
long target = megabytes * 1024L * 1024L;
int runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
string[]? only = args.Length > 2 && args[2] != "all" ? args[2].Split(',') : null;
var options = new Vigil.Formats.Engine.BatchOptions(Parallelism: args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 0);

Console.WriteLine($"input size ≥ {megabytes} MB per format; {Environment.ProcessorCount} cores; .NET {Environment.Version}");
Console.WriteLine($"best of {runs} runs; 'cpu MB/s' divides by the process CPU time, which a busy machine distorts less than wall time");
Console.WriteLine("format    MB      lines       seconds   MB/s     lines/s     cpu MB/s");
foreach (var (id, generate) in new (string, Func<int, string>)[] { ("syslog", SyslogLine), ("auditd", AuditdLine), ("zeek", ZeekLine), ("csv", CsvLine), ("ndjson", JsonLogLines.Ndjson), ("eve", JsonLogLines.Eve), ("cloudtrail", JsonFileRun.CloudTrailLine) })
{
    if (only is not null && !only.Contains(id))
    {
        continue;
    }

    IFormatParser? parser = FormatRegistry.Find(id);
    if (parser is null)
    {
        Console.WriteLine($"{id,-9} (parser not registered)");
        continue;
    }

    (byte[] data, int lines) = Build(id, generate, target);
    parser.Parse(id == "cloudtrail" ? Build(id, generate, 1 << 20).Data : data.AsMemory(0, data.AsSpan(0, Math.Min(data.Length, 1 << 20)).LastIndexOf((byte)'\n') + 1), options); // warm-up (JIT), whole lines
    double bestWall = double.MaxValue, bestCpu = double.MaxValue;
    int rows = 0, width = 0;
    for (int run = 0; run < runs; run++)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        TimeSpan cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        IReadOnlyList<Column> columns = parser.Parse(data, options);
        sw.Stop();
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
        bestWall = Math.Min(bestWall, sw.Elapsed.TotalSeconds);
        bestCpu = Math.Min(bestCpu, cpu.TotalSeconds);
        (rows, width) = (columns[0].Length, columns.Count);
    }

    double mb = data.Length / (1024.0 * 1024.0);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{id,-9} {mb,6:F1}  {lines,10}  {bestWall,8:F3}  {mb / bestWall,7:F1}  {lines / bestWall,10:F0}  {mb / bestCpu,7:F1}   ({width} columns, {rows} rows)"));
}

return 0;

static int ParseFile(string path, string? format, int parallelism, int batchBytes)
{
    TimeSpan cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
    var sw = Stopwatch.StartNew();
    using Vigil.Formats.Input.InputSource input = Vigil.Formats.Input.InputSource.Open(path);
    var options = new Vigil.Formats.Engine.BatchOptions(MaxBytes: batchBytes, Parallelism: parallelism);
    RecordSet set = format is null
        ? FormatResolver.Normalize(input, null, options, out _)
        : FormatResolver.ReadAll(FormatRegistry.Find(format) ?? throw new ArgumentException("unknown format " + format), input, options);
    sw.Stop();
    TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
    double mb = new FileInfo(path).Length / (1024.0 * 1024.0);
    string hwm = File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))["VmHWM:".Length..].Trim();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{set.Format} {path}: {mb:F1} MiB, {set.Rows} rows x {set.Columns.Count} columns; wall {sw.Elapsed.TotalSeconds:F3} s ({mb / sw.Elapsed.TotalSeconds:F0} MiB/s), cpu {cpu.TotalSeconds:F3} s ({mb / cpu.TotalSeconds:F0} MiB/s per core), peak RSS {hwm}"));
    GCMemoryInfo gc = GC.GetGCMemoryInfo();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  gc: heap {gc.HeapSizeBytes >> 20} MiB, committed {gc.TotalCommittedBytes >> 20} MiB, peak-ish promoted {gc.PromotedBytes >> 20} MiB, allocated {GC.GetTotalAllocatedBytes() >> 20} MiB, gen0/1/2 collections {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}"));
    return 0;
}

static (byte[] Data, int Lines) Build(string id, Func<int, string> line, long target)
{
    var sb = new StringBuilder((int)Math.Min(int.MaxValue - 1024, target + 4096));
    if (id == "csv")
    {
        sb.Append("timestamp,sensor,site,temperature_c,humidity_pct,ok,note\n");
    }

    if (id == "zeek")
    {
        sb.Append("#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tconn\n#open\t2026-01-01-00-00-00\n");
        sb.Append("#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents\n");
        sb.Append("#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tbool\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]\n");
    }

    int n = 0;
    while (sb.Length < target)
    {
        sb.Append(line(n++)).Append('\n');
    }

    if (id == "cloudtrail")
    {
        sb.Append("]}\n");
    }

    return (Encoding.UTF8.GetBytes(sb.ToString()), n);
}

// Deterministic variety without an RNG: a multiplicative hash of the line number.
static uint H(int i, uint salt) => unchecked(((uint)i * 2654435761u) ^ (salt * 40503u));

static string SyslogLine(int i)
{
    string[] apps = ["sshd", "CRON", "systemd", "kernel", "sudo", "nginx"];
    int sec = i / 40;
    return string.Create(CultureInfo.InvariantCulture,
        $"<{(H(i, 1) % 8) + 32}>Jan {1 + (sec / 86400 % 28),2} {sec / 3600 % 24:00}:{sec / 60 % 60:00}:{sec % 60:00} host{H(i, 2) % 50:00} {apps[H(i, 3) % 6]}[{1000 + (H(i, 4) % 30000)}]: session {H(i, 5) % 100000} opened for user u{H(i, 6) % 300} from 10.{H(i, 7) % 255}.{H(i, 8) % 255}.{H(i, 9) % 255} port {1024 + (H(i, 10) % 60000)}");
}

static string AuditdLine(int i)
{
    string[] syscalls = ["59", "257", "2", "42", "56", "62"];
    string[] comms = ["bash", "nginx", "python3", "curl", "sshd", "cron"];
    double epoch = 1767225600 + (i * 0.013);
    uint uid = H(i, 4) % 2 == 0 ? 0u : 1000u;
    return string.Create(CultureInfo.InvariantCulture,
        $"type=SYSCALL msg=audit({epoch:F3}:{i + 1}): arch=c000003e syscall={syscalls[H(i, 1) % 6]} success=yes exit=0 a0={H(i, 2):x} a1={H(i, 3):x} a2=10 a3=0 items=1 ppid={H(i, 5) % 5000} pid={H(i, 6) % 60000} auid={uid} uid={uid} gid={uid} euid={uid} suid={uid} fsuid={uid} egid={uid} sgid={uid} fsgid={uid} tty=pts{H(i, 7) % 4} ses={H(i, 8) % 40} comm=\"{comms[H(i, 9) % 6]}\" exe=\"/usr/bin/{comms[H(i, 9) % 6]}\" key=\"exec\"");
}

static string CsvLine(int i) => string.Create(CultureInfo.InvariantCulture,
    $"{1767225600 + i},sensor-{H(i, 1) % 64},\"site {H(i, 2) % 9}, hall {H(i, 3) % 4}\",{(H(i, 4) % 4000) / 100.0:F2},{(H(i, 5) % 1000) / 10.0:F1},{(H(i, 6) % 2 == 0 ? "true" : "false")},{(H(i, 7) % 5 == 0 ? "" : "calibrated")}");

static string ZeekLine(int i)
{
    string[] services = ["http", "dns", "ssl", "-", "ssh"];
    return string.Create(CultureInfo.InvariantCulture,
        $"{1329843175.736107 + (i * 0.01):F6}\tC{H(i, 1):x8}{H(i, 2) % 1000}\t10.0.{H(i, 3) % 255}.{H(i, 4) % 255}\t{1024 + (H(i, 5) % 60000)}\t192.168.{H(i, 6) % 255}.{H(i, 7) % 255}\t{(H(i, 8) % 3 == 0 ? 443 : 80)}\ttcp\t{services[H(i, 9) % 5]}\t{H(i, 10) % 100000 / 1000.0:F6}\t{H(i, 11) % 5000}\t{H(i, 12) % 90000}\tSF\t-\t0\tShADadFf\t{H(i, 13) % 40}\t{H(i, 14) % 9000}\t{H(i, 15) % 40}\t{H(i, 16) % 90000}\t(empty)");
}
