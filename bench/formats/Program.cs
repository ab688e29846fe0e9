using System.Diagnostics;
using System.Globalization;
using System.Text;
using Vigil.Core.Columns;
using Vigil.Formats;
using Vigil.Formats.Engine;
using Vigil.Formats.Input;

// Parser throughput (issue 8 acceptance 2c): generates ≥ 100 MB of realistic text per format into a cached file
// (varying hosts, addresses, users and messages; no repeated line) and reads it through the format's batch reader
// (IO, UTF-8 validation and column building included), each format in a child process so its peak RSS is its own.
// Reported: wall MB/s and CPU MB/s (user+sys) single-threaded, wall/CPU MB/s with all cores, peak RSS (VmHWM).
// Usage: dotnet run -c Release --project bench/formats [-- MEGABYTES [RUNS [FORMAT ...]]]
//        dotnet run -c Release --project bench/formats -- --file PATH [FORMAT|- [PARALLELISM [BATCH_BYTES]]]
//        (parse-only of a file through the streaming engine: wall, CPU, peak RSS; one run per process, so RSS is honest)
//        dotnet run -c Release --project bench/formats -- --dump FORMAT FILE ... (a digest of the columns per file)
if (args.Length > 0 && args[0] == "--file")
{
    return ParseFile(args[1], args.Length > 2 && args[2] != "-" ? args[2] : null, args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 0, args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 0);
}

if (args.Length == 5 && args[0] == "--one")
{
    return MeasureOne(args[1], args[2], int.Parse(args[3], CultureInfo.InvariantCulture), int.Parse(args[4], CultureInfo.InvariantCulture));
}

// JSON family (ndjson, eve, cloudtrail): -- --write DIR MEGABYTES writes generated inputs; -- --json-file FORMAT PATH [THREADS]
// reads one through its batch reader and reports time and peak RSS.
if (args.Length >= 3 && args[0] is "--write" or "--json-file")
{
    return JsonFileRun.Run([args[0] == "--json-file" ? "--file" : args[0], .. args[1..]]);
}

if (args.Length >= 3 && args[0] == "--dump")
{
    return DumpAll(args[1], args[2..]);
}

int megabytes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100;
long target = megabytes * 1024L * 1024L;
int runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
var generators = new (string Id, Func<int, string> Line, string Header)[]
{
    ("syslog", SyslogLine, ""),
    ("auditd", AuditdLine, ""),
    ("zeek", ZeekLine, ZeekHeader),
    ("accesslog", AccessLine, ""),
    ("logfmt", LogfmtLine, ""),
    ("csv", CsvLine, "timestamp,sensor,site,temperature_c,humidity_pct,ok,note\n"),
};
HashSet<string>? only = args.Length > 2 ? [.. args[2..]] : null;

Console.WriteLine($"input ≥ {megabytes} MB per format; {Environment.ProcessorCount} cores; .NET {Environment.Version}; best of {runs} runs");
Console.WriteLine("'1t' = one parse thread, 'all' = one per core; cpu MB/s divides by the child's user+sys time; RSS = peak resident set of the child");
Console.WriteLine("format      MB       rows   1t wall MB/s  1t cpu MB/s  all wall MB/s  all cpu MB/s  RSS 1t MB  RSS all MB");
foreach (var (id, line, header) in generators)
{
    if (only is not null && !only.Contains(id))
    {
        continue;
    }

    string path = Generate(id, line, header, target);
    string[] single = Child(id, path, runs, 1);
    string[] all = Child(id, path, runs, 0);
    if (single.Length < 6 || all.Length < 6)
    {
        Console.WriteLine($"{id,-9} failed: {string.Join(' ', single)} / {string.Join(' ', all)}");
        continue;
    }

    Console.WriteLine($"{id,-9} {single[0],6}  {single[1],10}  {single[2],12}  {single[3],11}  {all[2],13}  {all[3],12}  {single[4],9}  {all[4],10}   ({single[5]} columns)");
}

return 0;

static int ParseFile(string path, string? format, int parallelism, int batchBytes)
{
    TimeSpan cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
    var sw = Stopwatch.StartNew();
    using InputSource input = InputSource.Open(path);
    var options = new BatchOptions(MaxBytes: batchBytes, Parallelism: parallelism);
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

// Runs one format in a child process (same executable) and returns its result fields.
static string[] Child(string id, string path, int runs, int parallelism)
{
    var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
    if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
    {
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
    }

    foreach (string a in new[] { "--one", id, path, runs.ToString(CultureInfo.InvariantCulture), parallelism.ToString(CultureInfo.InvariantCulture) })
    {
        start.ArgumentList.Add(a);
    }

    using Process child = Process.Start(start)!;
    string output = child.StandardOutput.ReadToEnd().Trim();
    child.WaitForExit();
    return output.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

static int MeasureOne(string id, string path, int runs, int parallelism)
{
    IFormatParser parser = FormatRegistry.Find(id) ?? throw new InvalidOperationException("no parser " + id);
    byte[] head = new byte[1 << 20];
    using (FileStream f = File.OpenRead(path))
    {
        f.ReadExactly(head);
    }

    _ = parser.Parse(head.AsMemory(0, head.AsSpan().LastIndexOf((byte)'\n') + 1)); // warm-up (JIT)
    head = [];
    double bestWall = double.MaxValue, bestCpu = double.MaxValue;
    long rows = 0;
    int width = 0;
    for (int run = 0; run < runs; run++)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        TimeSpan cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        IReadOnlyList<Column> columns;
        using (InputSource input = InputSource.Open(path))
        {
            columns = FormatResolver.ReadAll(parser, input, new BatchOptions(Parallelism: parallelism)).Columns;
        }

        sw.Stop();
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
        bestWall = Math.Min(bestWall, sw.Elapsed.TotalSeconds);
        bestCpu = Math.Min(bestCpu, cpu.TotalSeconds);
        (rows, width) = (columns[0].Length, columns.Count);
    }

    double mb = new FileInfo(path).Length / (1024.0 * 1024.0);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{mb:F1} {rows} {mb / bestWall:F1} {mb / bestCpu:F1} {PeakRssMegabytes():F0} {width}"));
    return 0;
}

// A digest of everything the columns say (names, types, role hints, dictionaries, cells) or of the error, per
// file: comparing two builds' digests proves a parser change kept the output.
static int DumpAll(string id, string[] files)
{
    IFormatParser parser = FormatRegistry.Find(id) ?? throw new InvalidOperationException("no parser " + id);
    foreach (string file in files)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        string summary;
        try
        {
            IReadOnlyList<Column> columns = parser.Parse(File.ReadAllBytes(file));
            var sb = new StringBuilder();
            foreach (Column c in columns)
            {
                sb.Clear().Append(c.Name).Append('|').Append(c.Type).Append('|').Append(c.RoleHint).Append('|').AppendJoin('\u001f', c.Strings).Append('\n');
                for (int i = 0; i < c.Length; i++)
                {
                    Vigil.Core.Values.Value v = c[i];
                    sb.Append((int)v.Kind).Append(':').Append(v.Kind switch
                    {
                        Vigil.Core.Values.ValueKind.Null => "",
                        Vigil.Core.Values.ValueKind.Bool => v.AsBool ? "t" : "f",
                        Vigil.Core.Values.ValueKind.Int => v.AsInt.ToString(CultureInfo.InvariantCulture),
                        Vigil.Core.Values.ValueKind.Float => BitConverter.DoubleToInt64Bits(v.AsFloat).ToString("x", CultureInfo.InvariantCulture),
                        _ => v.AsString,
                    }).Append('\u001e');
                    if (sb.Length > 1 << 16)
                    {
                        hash.AppendData(Encoding.UTF8.GetBytes(sb.ToString()));
                        sb.Clear();
                    }
                }

                hash.AppendData(Encoding.UTF8.GetBytes(sb.ToString()));
            }

            summary = string.Create(CultureInfo.InvariantCulture, $"{(columns.Count > 0 ? columns[0].Length : 0)} rows {columns.Count} columns");
        }
        catch (FormatParseException e)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(e.Message));
            summary = "error: " + e.Message;
        }

        Console.WriteLine($"{Convert.ToHexString(hash.GetHashAndReset())[..16]} {Path.GetFileName(file)} {summary}");
    }

    return 0;
}

// VmHWM from /proc/self/status (kB): the peak resident set of this process.
static double PeakRssMegabytes()
{
    foreach (string line in File.ReadLines("/proc/self/status"))
    {
        if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
        {
            return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
        }
    }

    return double.NaN;
}

static string Generate(string id, Func<int, string> line, string header, long target)
{
    string dir = Path.Combine(Path.GetTempPath(), "vigil-bench-formats");
    Directory.CreateDirectory(dir);
    string path = Path.Combine(dir, string.Create(CultureInfo.InvariantCulture, $"{id}-{target >> 20}mb.txt"));
    if (File.Exists(path) && new FileInfo(path).Length >= target)
    {
        return path;
    }

    using (var writer = new StreamWriter(path + ".tmp", false, new UTF8Encoding(false), 1 << 20))
    {
        writer.NewLine = "\n";
        writer.Write(header);
        long written = Encoding.UTF8.GetByteCount(header);
        for (int n = 0; written < target; n++)
        {
            string text = line(n);
            writer.WriteLine(text);
            written += Encoding.UTF8.GetByteCount(text) + 1;
        }
    }

    File.Move(path + ".tmp", path, overwrite: true);
    return path;
}

// Deterministic variety without an RNG: a multiplicative hash of the line number.
static uint H(int i, uint salt) => unchecked(((uint)i * 2654435761u) ^ (salt * 40503u) * 2246822519u);

static string Ip(int i, uint salt) => string.Create(CultureInfo.InvariantCulture, $"{10 + (H(i, salt) % 3 * 82)}.{H(i, salt + 1) % 256}.{H(i, salt + 2) % 256}.{1 + (H(i, salt + 3) % 254)}");

static string SyslogLine(int i)
{
    string[] apps = ["sshd", "CRON", "systemd", "kernel", "sudo", "nginx", "postfix/smtpd", "dhclient"];
    string[] users = ["root", "alice", "bob", "deploy", "backup", "www-data", "svc-ci", "mallory"];
    int sec = i / 40;
    uint app = H(i, 3) % (uint)apps.Length;
    string user = users[H(i, 6) % (uint)users.Length];
    string message = app switch
    {
        0 => H(i, 11) % 4 == 0
            ? $"Failed password for invalid user {user}{H(i, 12) % 90} from {Ip(i, 20)} port {1024 + (H(i, 10) % 60000)} ssh2"
            : $"Accepted publickey for {user} from {Ip(i, 20)} port {1024 + (H(i, 10) % 60000)} ssh2: RSA SHA256:{H(i, 13):x8}{H(i, 14):x8}",
        1 => $"({user}) CMD (/usr/local/bin/job-{H(i, 12) % 40}.sh --batch {H(i, 13) % 1000})",
        2 => $"Started session-{H(i, 12) % 100000}.scope - Session {H(i, 12) % 100000} of User {user}.",
        3 => $"[{sec % 100000}.{H(i, 12) % 1000000:000000}] eth{H(i, 13) % 2}: link up, {(H(i, 14) % 2 == 0 ? 1000 : 10000)} Mbps, full duplex",
        4 => $"{user} : TTY=pts/{H(i, 12) % 8} ; PWD=/home/{user} ; USER=root ; COMMAND=/usr/bin/systemctl restart svc{H(i, 13) % 20}",
        5 => $"{Ip(i, 20)} - - \"GET /api/v{H(i, 12) % 3}/items/{H(i, 13) % 100000} HTTP/1.1\" {(H(i, 14) % 10 == 0 ? 404 : 200)} {H(i, 15) % 50000}",
        6 => $"connect from unknown[{Ip(i, 20)}]: queue id {H(i, 12):X10}",
        _ => $"DHCPACK of {Ip(i, 20)} from {Ip(i, 24)} (xid=0x{H(i, 12):x8})",
    };
    if (H(i, 30) % 5 == 0)
    {
        // RFC 5424 with structured data for a fifth of the lines.
        return string.Create(CultureInfo.InvariantCulture,
            $"<{(H(i, 1) % 24 * 8) + (H(i, 2) % 8)}>1 2026-01-{1 + (sec / 86400 % 28):00}T{sec / 3600 % 24:00}:{sec / 60 % 60:00}:{sec % 60:00}.{H(i, 31) % 1000:000}Z web{H(i, 2) % 120:000}.example.net {apps[app].Replace('/', '-')} {1000 + (H(i, 4) % 30000)} ID{H(i, 32) % 60} [meta@32473 seq=\"{i}\" zone=\"eu-{H(i, 33) % 4}\"] {message}");
    }

    return string.Create(CultureInfo.InvariantCulture,
        $"<{(H(i, 1) % 24 * 8) + (H(i, 2) % 8)}>Jan {1 + (sec / 86400 % 28),2} {sec / 3600 % 24:00}:{sec / 60 % 60:00}:{sec % 60:00} host{H(i, 2) % 120:000} {apps[app]}[{1000 + (H(i, 4) % 30000)}]: {message}");
}

// Events of 2–4 records sharing a serial (SYSCALL, EXECVE for execs, CWD/PATH, PROCTITLE), as auditd writes them.
static string AuditdLine(int i)
{
    string[] syscalls = ["59", "257", "2", "42", "56", "62"];
    string[] comms = ["bash", "nginx", "python3", "curl", "sshd", "cron", "systemd", "containerd"];
    int serial = (i / 4) + 1;
    int record = i % 4;
    int e = i / 4;
    string stamp = string.Create(CultureInfo.InvariantCulture, $"msg=audit({1767225600 + (e * 0.013):F3}:{serial})");
    uint uid = H(e, 4) % 3 == 0 ? 0u : 1000u + (H(e, 5) % 50);
    string comm = comms[H(e, 9) % (uint)comms.Length];
    bool exec = H(e, 1) % 3 == 0;
    return record switch
    {
        0 => string.Create(CultureInfo.InvariantCulture,
            $"type=SYSCALL {stamp}: arch=c000003e syscall={(exec ? "59" : syscalls[H(e, 1) % 6])} success={(H(e, 3) % 9 == 0 ? "no" : "yes")} exit={(H(e, 3) % 9 == 0 ? -13 : 0)} a0={H(e, 2):x} a1={H(e, 3):x} a2={H(e, 6) % 4096:x} a3=0 items={1 + (H(e, 7) % 2)} ppid={H(e, 5) % 5000} pid={H(e, 6) % 60000} auid={uid} uid={uid} gid={uid} euid={uid} suid={uid} fsuid={uid} egid={uid} sgid={uid} fsgid={uid} tty=pts{H(e, 7) % 4} ses={H(e, 8) % 400} comm=\"{comm}\" exe=\"/usr/bin/{comm}\" key=\"{(exec ? "exec" : "files")}\""),
        1 when exec => string.Create(CultureInfo.InvariantCulture,
            $"type=EXECVE {stamp}: argc=3 a0=\"{comm}\" a1=\"--job={H(e, 10) % 100000}\" a2=2F746D702F{H(e, 11):X8}"),
        1 => string.Create(CultureInfo.InvariantCulture, $"type=CWD {stamp}: cwd=\"/home/u{uid}/work{H(e, 12) % 30}\""),
        2 => string.Create(CultureInfo.InvariantCulture,
            $"type=PATH {stamp}: item=0 name=\"/var/lib/{comm}/f{H(e, 13) % 100000}.dat\" inode={H(e, 14) % 10000000} dev=fd:0{H(e, 15) % 4} mode=0100644 ouid={uid} ogid={uid} rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0"),
        _ => string.Create(CultureInfo.InvariantCulture, $"type=PROCTITLE {stamp}: proctitle=2F7573722F62696E2F{H(e, 16):X8}{H(e, 17):X8}"),
    };
}

static string CsvLine(int i) => string.Create(CultureInfo.InvariantCulture,
    $"{1767225600 + i},sensor-{H(i, 1) % 64},\"site {H(i, 2) % 9}, hall {H(i, 3) % 4}\",{(H(i, 4) % 4000) / 100.0:F2},{(H(i, 5) % 1000) / 10.0:F1},{(H(i, 6) % 2 == 0 ? "true" : "false")},{(H(i, 7) % 5 == 0 ? "" : "calibrated")}");

static string ZeekLine(int i)
{
    string[] services = ["http", "dns", "ssl", "-", "ssh", "smtp"];
    string[] states = ["SF", "S0", "REJ", "RSTO", "SH", "OTH"];
    bool unset = H(i, 17) % 7 == 0;
    return string.Create(CultureInfo.InvariantCulture,
        $"{1329843175.736107 + (i * 0.01):F6}\tC{H(i, 1):x8}{H(i, 2) % 1000}\t{Ip(i, 3)}\t{1024 + (H(i, 5) % 60000)}\t{Ip(i, 6)}\t{(H(i, 8) % 3 == 0 ? 443 : H(i, 8) % 3 == 1 ? 80 : 53)}\t{(H(i, 8) % 3 == 2 ? "udp" : "tcp")}\t{services[H(i, 9) % 6]}\t{(unset ? "-" : (H(i, 10) % 100000 / 1000.0).ToString("F6", CultureInfo.InvariantCulture))}\t{(unset ? "-" : (H(i, 11) % 5000).ToString(CultureInfo.InvariantCulture))}\t{(unset ? "-" : (H(i, 12) % 90000).ToString(CultureInfo.InvariantCulture))}\t{states[H(i, 18) % 6]}\t{(H(i, 19) % 2 == 0 ? "T" : "F")}\t0\tShADadFf\t{H(i, 13) % 40}\t{H(i, 14) % 9000}\t{H(i, 15) % 40}\t{H(i, 16) % 90000}\t(empty)");
}

static string AccessLine(int i)
{
    string[] methods = ["GET", "GET", "GET", "POST", "PUT", "DELETE", "HEAD"];
    string[] paths = ["/", "/index.html", "/api/v1/items/", "/static/app.js", "/login", "/search?q=", "/images/p", "/wp-login.php"];
    string[] agents =
    [
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0",
        "curl/8.5.0", "python-requests/2.31.0", "Googlebot/2.1 (+http://www.google.com/bot.html)",
    ];
    int sec = i / 30;
    uint p = H(i, 3) % (uint)paths.Length;
    string path = p is 2 or 5 or 6 ? paths[p] + (H(i, 4) % 100000).ToString(CultureInfo.InvariantCulture) : paths[p];
    uint status = H(i, 5) % 20 switch { 0 => 404u, 1 => 500u, 2 => 301u, 3 => 304u, _ => 200u };
    string referer = H(i, 6) % 3 == 0 ? "-" : $"https://www.example.com/page{H(i, 7) % 500}";
    return string.Create(CultureInfo.InvariantCulture,
        $"{Ip(i, 10)} - {(H(i, 8) % 10 == 0 ? "user" + (H(i, 9) % 300) : "-")} [{1 + (sec / 86400 % 28):00}/Jan/2026:{sec / 3600 % 24:00}:{sec / 60 % 60:00}:{sec % 60:00} +0000] \"{methods[H(i, 2) % (uint)methods.Length]} {path} HTTP/1.1\" {status} {(status == 304 ? "-" : (H(i, 11) % 80000).ToString(CultureInfo.InvariantCulture))} \"{referer}\" \"{agents[H(i, 12) % (uint)agents.Length]}\"");
}

static string LogfmtLine(int i)
{
    string[] levels = ["info", "info", "info", "debug", "warn", "error"];
    string[] msgs = ["request completed", "cache miss", "db query", "retrying upstream", "user login"];
    int ms = i * 7;
    return string.Create(CultureInfo.InvariantCulture,
        $"ts=2026-01-01T{ms / 3600000 % 24:00}:{ms / 60000 % 60:00}:{ms / 1000 % 60:00}.{ms % 1000:000}Z level={levels[H(i, 1) % 6]} msg=\"{msgs[H(i, 2) % 5]}\" host=app{H(i, 3) % 40:00} method={(H(i, 4) % 4 == 0 ? "POST" : "GET")} path=/api/v1/items/{H(i, 5) % 100000} status={(H(i, 6) % 15 == 0 ? 500 : 200)} duration_ms={H(i, 7) % 20000 / 10.0:F1} bytes={H(i, 8) % 100000} user_id={H(i, 9) % 5000} trace_id={H(i, 10):x8}{H(i, 11):x8} cached={(H(i, 12) % 2 == 0 ? "true" : "false")}");
}

internal static partial class Program
{
    private const string ZeekHeader =
        "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tconn\n#open\t2026-01-01-00-00-00\n"
        + "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents\n"
        + "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tbool\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]\n";
}
