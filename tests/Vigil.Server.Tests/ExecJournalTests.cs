using Microsoft.Extensions.Logging;
using Vigil.Exec;
using Vigil.Exec.Audit;
using Vigil.Exec.Diagnostics;
using Vigil.Exec.Identity;
using Vigil.Exec.Policy;
using Vigil.Exec.Sessions;
using Vigil.Server.Daemon;

namespace Vigil.Server.Tests;

/// <summary>One journal line per answered request (issue 9): decision and exit, argv0 only unless --log-argv.</summary>
public sealed class ExecJournalTests : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-journal-").FullName;
    private readonly MachineKey _self = MachineKey.Generate();
    private readonly MachineKey _aliceMachine = MachineKey.Generate();
    private readonly AgentKey _alice = AgentKey.Generate();
    private readonly AuditLog _audit;
    private readonly ExecService _service;

    public ExecJournalTests()
    {
        string auditPath = Path.Combine(_dir, "audit.log");
        _audit = new AuditLog(auditPath, TimeProvider.System);
        ExecPolicy policy = AclLoader.Parse($"""
            [exec]
            enabled = true
            audit_log_path = "{auditPath}"

            [[exec.allow]]
            agent_id = "{_alice.Id}"
            machine_id = "{_aliceMachine.Id}"

            [[exec.allow.commands]]
            argv = ["echo", "<INT>"]

            """, Path.Combine(_dir, "acl.toml"));
        _service = new ExecService(_self.Id, policy, new RequestVerifier(_self.Id, TimeProvider.System), _audit, new ExecDiagnostics(TimeProvider.System), TimeProvider.System);
    }

    public async ValueTask DisposeAsync()
    {
        await _audit.DisposeAsync();
        _self.Dispose();
        _aliceMachine.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Every_answered_request_gets_one_line_with_decision_and_exit_but_no_argv_values()
    {
        var log = new RecordingLogger();
        _service.Journal = new DaemonExecJournal(log, logArgv: false);

        SessionExit? ran = await _service.RunAsync(Sign("echo", "41"), _aliceMachine.Id, new NullSink(), CancellationToken.None);
        SessionExit? denied = await _service.RunAsync(Sign("echo", "secret-token"), _aliceMachine.Id, new NullSink(), CancellationToken.None);

        Assert.Null(ran!.Denial);
        Assert.Equal(DenialReason.ArgvNotAllowed, denied!.Denial);
        Assert.Equal(2, log.Lines.Count);
        Assert.All(log.Lines, l => Assert.Equal(1100, l.EventId));
        Assert.Contains($"agent {_alice.Id}", log.Lines[0].Text, StringComparison.Ordinal);
        Assert.Contains("argv0 echo: allowed, code 0, signal -", log.Lines[0].Text, StringComparison.Ordinal);
        Assert.Contains("argv0 echo: denied:argv_not_allowed, code -", log.Lines[1].Text, StringComparison.Ordinal);
        Assert.DoesNotContain(log.Lines, l => l.Text.Contains("secret-token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_log_argv_the_whole_argv_is_journalled_as_a_json_array()
    {
        var log = new RecordingLogger();
        _service.Journal = new DaemonExecJournal(log, logArgv: true);

        await _service.RunAsync(Sign("echo", "secret-token"), _aliceMachine.Id, new NullSink(), CancellationToken.None);

        Assert.Equal([1100, 1101], log.Lines.Select(l => l.EventId));
        Assert.EndsWith("argv [\"echo\",\"secret-token\"]", log.Lines[1].Text, StringComparison.Ordinal);
    }

    private SignedRequest Sign(params string[] argv) =>
        new RequestSigner(_alice, AgentBinding.Create(_alice, _aliceMachine.Id)).Sign(new ExecRequest(
            _self.Id, RequestId.NewRandom(), (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), 5000, argv, default, false));

    private sealed class NullSink : ISessionSink
    {
        public ValueTask SendAsync(Vigil.Exec.Runner.RunEvent runEvent, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask SendExitAsync(SessionExit exit, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    private sealed class RecordingLogger : ILogger
    {
        public List<(int EventId, string Text)> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines)
            {
                Lines.Add((eventId.Id, formatter(state, exception)));
            }
        }
    }
}
