using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Vigil.Exec.Audit;
using Vigil.Exec.Identity;
using Vigil.Exec.Runner;
using Vigil.Exec.Sessions;
using Vigil.Exec.Tests.Shared;
using Vigil.Client;
using Vigil.Server.Daemon;

namespace Vigil.Server.Tests;

/// <summary>
/// A real daemon on 127.0.0.1:0 for bob, and key directories for alice and charlie, all under one temp dir.
/// The ACL allows alice's (agent, machine) pair the reference §12.10 commands plus the test scripts.
/// </summary>
internal sealed class ExecTestHost : IAsyncDisposable
{
    public static RunTimings FastTimings { get; } = new(
        CancelGrace: TimeSpan.FromMilliseconds(500),
        TermLead: TimeSpan.FromMilliseconds(500),
        AbandonPipesAfter: TimeSpan.FromSeconds(2),
        TailBytes: 4096);

    private ExecTestHost(string root, VigilDaemon daemon, HostIdentity alice, HostIdentity charlie)
    {
        Root = root;
        Daemon = daemon;
        Alice = alice;
        Charlie = charlie;
    }

    public string Root { get; }

    public VigilDaemon Daemon { get; }

    public HostIdentity Alice { get; }

    public HostIdentity Charlie { get; }

    public string AuditPath => Path.Combine(Root, "audit", "exec.log");

    /// <summary>Path of a test script (its name is allowed for alice in every host's ACL).</summary>
    public string Script(string name) => Path.Combine(Root, "scripts", name);

    /// <param name="execExtra">Extra lines for the [exec] table (caps).</param>
    /// <param name="auditPath">Audit log path (default: ROOT/audit/exec.log).</param>
    public static async Task<ExecTestHost> StartAsync(string execExtra = "", string? auditPath = null, Func<DaemonOptions, DaemonOptions>? configure = null)
    {
        string root = Directory.CreateTempSubdirectory("vigil-e2e-").FullName;
        HostIdentity bob = new KeyDirectory(Path.Combine(root, "bob")).Generate(force: false);
        HostIdentity alice = new KeyDirectory(Path.Combine(root, "alice")).Generate(force: false);
        HostIdentity charlie = new KeyDirectory(Path.Combine(root, "charlie")).Generate(force: false);
        MachineId bobMachine = bob.MachineId;
        bob.Dispose();

        string scripts = Path.Combine(root, "scripts");
        Directory.CreateDirectory(scripts);
        WriteScript(scripts, "flood.sh", "#!/bin/sh\nhead -c 67108864 /dev/zero\nprintf END-OF-OUTPUT-MARKER\n");
        WriteScript(scripts, "stubborn.sh", "#!/bin/sh\ntrap '' TERM\nsleep 60 &\necho $!\nwait\nwait\n");
        WriteScript(scripts, "parent.sh", "#!/bin/sh\nsleep 300 &\necho $!\nwait\n");

        var acl = new StringBuilder();
        acl.Append(CultureInfo.InvariantCulture, $"""
            [exec]
            enabled = true
            audit_log_path = "{auditPath ?? Path.Combine(root, "audit", "exec.log")}"
            max_concurrent_per_agent = 2
            {execExtra}

            [[exec.allow]]
            description = "alice e2e"
            agent_id = "{alice.AgentId}"
            machine_id = "{alice.MachineId}"
            diagnostics = true

            [[exec.allow.commands]]
            argv = ["echo", "<INT>"]

            [[exec.allow.commands]]
            argv = ["printenv", "PATH"]

            [[exec.allow.commands]]
            argv = ["{Path.Combine(scripts, "flood.sh")}"]

            [[exec.allow.commands]]
            argv = ["{Path.Combine(scripts, "stubborn.sh")}"]

            [[exec.allow.commands]]
            argv = ["{Path.Combine(scripts, "parent.sh")}"]

            [[exec.allow.commands]]
            argv = ["printenv", "HOME"]
            sha256 = "{new string('0', 64)}"

            """);
        string aclPath = Path.Combine(root, "exec-acl.toml");
        await File.WriteAllTextAsync(aclPath, acl.ToString());

        var options = new DaemonOptions
        {
            KeyDirectory = Path.Combine(root, "bob"),
            AclPath = aclPath,
            Listen = new IPEndPoint(IPAddress.Loopback, 0),
            MetricsListen = new IPEndPoint(IPAddress.Loopback, 0),
            Timings = FastTimings,
            ShutdownBudget = TimeSpan.FromSeconds(10),
        };
        VigilDaemon daemon = await VigilDaemon.StartAsync(configure is null ? options : configure(options));
        Assert.Equal(bobMachine, daemon.Identity.MachineId);
        return new ExecTestHost(root, daemon, alice, charlie);
    }

    public ExecClient ClientFor(HostIdentity who) =>
        new(who, "127.0.0.1", Daemon.ListenEndPoint.Port, Daemon.Identity.MachineId);

    public static async Task<Run> RunAsync(ExecClient client, params string[] argv) =>
        await RunAsync(client, client.Sign(argv, ReadOnlyMemory<byte>.Empty, 10_000));

    public static async Task<Run> RunAsync(ExecClient client, SignedRequest request, Func<RunEvent, ValueTask>? onEvent = null, CancellationToken cancel = default, CancellationToken abort = default)
    {
        var events = new List<RunEvent>();
        SessionExit exit = await client.RunAsync(request, async e =>
        {
            lock (events)
            {
                events.Add(e);
            }

            if (onEvent is not null)
            {
                await onEvent(e);
            }
        }, cancel, abort).WaitAsync(ProcessWatch.Patience);
        return new Run(events, exit);
    }

    public IReadOnlyList<JsonElement> AuditEvents()
    {
        if (!File.Exists(AuditPath))
        {
            return [];
        }

        return File.ReadAllLines(AuditPath).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
    }

    public void AssertAuditIntact()
    {
        AuditVerification v = AuditVerifier.Verify(AuditPath);
        Assert.True(v.Status == AuditVerificationStatus.Intact, v.Detail);
    }

    public JsonElement Diagnostics() => JsonDocument.Parse(Daemon.Exec.Diagnostics().ToJson()).RootElement.Clone();

    public async ValueTask DisposeAsync()
    {
        await Daemon.DisposeAsync();
        Alice.Dispose();
        Charlie.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A child still holding a file would be a test failure elsewhere; never fail cleanup for it.
        }
    }

    private static void WriteScript(string dir, string name, string body)
    {
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, body);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public sealed record Run(List<RunEvent> Events, SessionExit Exit)
    {
        public byte[] Bytes(OutputStream stream) => Events.OutputBytes(stream);

        public string Text(OutputStream stream) => Events.OutputText(stream);

        public List<RunWarning> Warnings => Events.OfType<RunWarning>().ToList();
    }
}
