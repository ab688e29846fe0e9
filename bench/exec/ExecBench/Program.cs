using System.Diagnostics;
using System.Globalization;
using System.Net;
using Vigil.Exec.Identity;
using Vigil.Exec.Runner;
using Vigil.Exec.Sessions;
using Vigil.Client;
using Vigil.Server.Daemon;

// Usage: ExecBench [calls=500] [workdir=./bench-work]
// Starts a daemon in-process on 127.0.0.1:0 (audit log fsynced per event, in workdir on a real disk), then
// measures `true` round trips: one reused mTLS/HTTP2 connection, a new connection per call, concurrent callers,
// and a local spawn of /bin/true (Vigil's runner and System.Diagnostics.Process) as the baseline.
int calls = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500;
string work = Path.GetFullPath(args.Length > 1 ? args[1] : "bench-work");
if (Directory.Exists(work))
{
    Directory.Delete(work, recursive: true);
}

Directory.CreateDirectory(work);
using HostIdentity bobKeys = new KeyDirectory(Path.Combine(work, "bob")).Generate(force: false);
using HostIdentity alice = new KeyDirectory(Path.Combine(work, "alice")).Generate(force: false);
string acl = Path.Combine(work, "exec-acl.toml");
File.WriteAllText(acl, $"""
    [exec]
    enabled = true
    audit_log_path = "{Path.Combine(work, "audit", "exec.log")}"
    max_concurrent_per_agent = 64
    max_concurrent_total = 64

    [[exec.allow]]
    agent_id = "{alice.AgentId}"
    machine_id = "{alice.MachineId}"

    [[exec.allow.commands]]
    argv = ["true"]

    """);

await using VigilDaemon daemon = await VigilDaemon.StartAsync(new DaemonOptions
{
    KeyDirectory = Path.Combine(work, "bob"),
    AclPath = acl,
    Listen = new IPEndPoint(IPAddress.Loopback, 0),
});
int port = daemon.ListenEndPoint.Port;
MachineId server = daemon.Identity.MachineId;
Console.WriteLine($"# vigil exec bench: {calls} calls per case, {Environment.ProcessorCount} cores, {RuntimeVersion()}");
Console.WriteLine("| case | calls | p50 ms | p99 ms | mean ms | calls/s |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|");

// Warm-up: JIT, TLS, thread pool.
using (var warm = new ExecClient(alice, "127.0.0.1", port, server))
{
    for (int i = 0; i < 50; i++)
    {
        await RunTrue(warm);
    }
}

using (var reused = new ExecClient(alice, "127.0.0.1", port, server))
{
    Report("vigil exec, connection reused", await Sequential(calls, () => RunTrue(reused)));
}

Report("vigil exec, new connection per call", await Sequential(calls, async () =>
{
    using var fresh = new ExecClient(alice, "127.0.0.1", port, server);
    await RunTrue(fresh);
}));

foreach (int callers in new[] { 2, 8, 32 })
{
    using var shared = new ExecClient(alice, "127.0.0.1", port, server);
    Report($"vigil exec, {callers} concurrent callers (one connection)", await Concurrent(calls, callers, () => RunTrue(shared)));
}

var limits = new RunLimits(1 << 20, 1 << 20, 0, 0, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));
Report("local spawn /bin/true (Vigil runner, posix_spawn)", await Sequential(calls, async () =>
{
    StartOutcome o = CommandRun.Start(new RunRequest(["true"], default, null, null, limits), RunTimings.Default);
    await foreach (RunEvent _ in o.Run!.Events.ReadAllAsync())
    {
    }

    await o.Run.Completion;
}));
Report("local spawn /bin/true (System.Diagnostics.Process)", await Sequential(calls, async () =>
{
    using var p = Process.Start(new ProcessStartInfo("/bin/true") { UseShellExecute = false })!;
    await p.WaitForExitAsync();
}));

var verification = Vigil.Exec.Audit.AuditVerifier.Verify(Path.Combine(work, "audit", "exec.log"));
Console.WriteLine($"# audit log: {verification.Status}, {verification.EventCount} events (every one fsynced)");
return 0;

static async Task RunTrue(ExecClient client)
{
    SessionExit exit = await client.RunAsync(client.Sign(["true"], default, 10_000));
    if (exit.Code != 0)
    {
        throw new InvalidOperationException("true failed: " + (exit.Denial?.ToString() ?? exit.Code?.ToString(CultureInfo.InvariantCulture) ?? "signal"));
    }
}

static async Task<(double[] Ms, double WallSeconds)> Sequential(int n, Func<Task> call)
{
    var ms = new double[n];
    var wall = Stopwatch.StartNew();
    for (int i = 0; i < n; i++)
    {
        long t0 = Stopwatch.GetTimestamp();
        await call();
        ms[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
    }

    return (ms, wall.Elapsed.TotalSeconds);
}

static async Task<(double[] Ms, double WallSeconds)> Concurrent(int n, int callers, Func<Task> call)
{
    var ms = new double[n];
    int next = -1;
    var wall = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, callers).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < n)
        {
            long t0 = Stopwatch.GetTimestamp();
            await call();
            ms[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        }
    }));
    return (ms, wall.Elapsed.TotalSeconds);
}

static void Report(string name, (double[] Ms, double WallSeconds) r)
{
    double[] sorted = [.. r.Ms.Order()];
    double P(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {sorted.Length} | {P(0.50):F2} | {P(0.99):F2} | {sorted.Average():F2} | {sorted.Length / r.WallSeconds:F0} |"));
}

static string RuntimeVersion() => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;
