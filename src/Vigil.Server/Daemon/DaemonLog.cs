using Microsoft.Extensions.Logging;

namespace Vigil.Server.Daemon;

/// <summary>The daemon's own journal lines, one event id each (stable for log queries).</summary>
internal static partial class DaemonLog
{
    [LoggerMessage(EventId = 1000, EventName = "Started", Level = LogLevel.Information, Message = "listening on {Endpoint} machine_id {MachineId}, {ExecState}")]
    public static partial void Started(ILogger logger, string endpoint, string machineId, string execState);

    [LoggerMessage(EventId = 1001, EventName = "AclReloaded", Level = LogLevel.Information, Message = "acl reloaded from {Path}: {Summary}")]
    public static partial void AclReloaded(ILogger logger, string path, string summary);

    [LoggerMessage(EventId = 1002, EventName = "AclReloadRefused", Level = LogLevel.Error, Message = "acl reload refused, the previous policy stays in force: {Reason}")]
    public static partial void AclReloadRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 1003, EventName = "KeyDirectoryTightened", Level = LogLevel.Warning, Message = "key directory {Path} was open to other users; mode tightened to 0700")]
    public static partial void KeyDirectoryTightened(ILogger logger, string path);

    [LoggerMessage(EventId = 1100, EventName = "ExecRequest", Level = LogLevel.Information, Message = "exec request {RequestId} agent {AgentId} machine {MachineId} argv0 {Argv0}: {Decision}, code {Code}, signal {Signal}, {DurationMs} ms")]
    public static partial void ExecRequest(ILogger logger, string requestId, string agentId, string machineId, string argv0, string decision, string code, string signal, long durationMs);

    [LoggerMessage(EventId = 1101, EventName = "ExecRequestArgv", Level = LogLevel.Information, Message = "exec request {RequestId} argv {Argv}")]
    public static partial void ExecRequestArgv(ILogger logger, string requestId, string argv);

    [LoggerMessage(EventId = 1009, EventName = "Stopped", Level = LogLevel.Information, Message = "stopped: sessions ended and audited, listeners closed")]
    public static partial void Stopped(ILogger logger);
}
