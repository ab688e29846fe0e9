using System.Text.Json;
using Vigil.Exec.Identity;

namespace Vigil.Exec.Audit;

/// <summary>
/// One audit record (reference x0x §7). Each event writes its fields in the reference's order; the log adds
/// <c>event</c> and <c>ts_unix_ms</c> before them and the chain fields <c>seq</c> and <c>prev</c> after them.
/// </summary>
public abstract record AuditEvent(RequestId RequestId)
{
    /// <summary>The <c>event</c> tag: request, started, warning, exit or denial.</summary>
    public abstract string Name { get; }

    /// <summary>Writes the fields that follow <c>request_id</c>.</summary>
    internal abstract void WriteFields(Utf8JsonWriter writer);

    internal static void WriteArgv(Utf8JsonWriter writer, IReadOnlyList<string> argv)
    {
        writer.WriteStartArray("argv");
        foreach (string token in argv)
        {
            writer.WriteStringValue(token);
        }

        writer.WriteEndArray();
    }
}

/// <summary>A request passed every check and is about to spawn (durable before the spawn).</summary>
public sealed record AuditRequestEvent(
    RequestId RequestId,
    AgentId AgentId,
    MachineId MachineId,
    IReadOnlyList<string> Argv,
    string? MatchedAcl,
    long StdinBytes,
    long TimeoutMs) : AuditEvent(RequestId)
{
    public override string Name => "request";

    internal override void WriteFields(Utf8JsonWriter writer)
    {
        writer.WriteString("agent_id", AgentId.ToString());
        writer.WriteString("machine_id", MachineId.ToString());
        WriteArgv(writer, Argv);
        if (MatchedAcl is null)
        {
            writer.WriteNull("matched_acl");
        }
        else
        {
            writer.WriteString("matched_acl", MatchedAcl);
        }

        writer.WriteNumber("stdin_bytes", StdinBytes);
        writer.WriteNumber("timeout_ms", TimeoutMs);
    }
}

/// <summary>The child process started.</summary>
public sealed record AuditStartedEvent(RequestId RequestId, int Pid) : AuditEvent(RequestId)
{
    public override string Name => "started";

    internal override void WriteFields(Utf8JsonWriter writer) => writer.WriteNumber("pid", Pid);
}

/// <summary>A session warning; <paramref name="Bytes"/> is set for byte threshold and cap warnings only.</summary>
public sealed record AuditWarningEvent(RequestId RequestId, WarningKind Kind, long? Bytes) : AuditEvent(RequestId)
{
    public override string Name => "warning";

    internal override void WriteFields(Utf8JsonWriter writer)
    {
        writer.WriteString("kind", Kind.ToToken());
        if (Bytes is long bytes)
        {
            writer.WriteNumber("bytes", bytes);
        }
        else
        {
            writer.WriteNull("bytes");
        }
    }
}

/// <summary>The session ended.</summary>
public sealed record AuditExitEvent(
    RequestId RequestId,
    int? Code,
    int? Signal,
    long DurationMs,
    long StdoutBytes,
    long StderrBytes,
    bool Truncated) : AuditEvent(RequestId)
{
    public override string Name => "exit";

    /// <summary>
    /// Set only on an exit the daemon writes for a session it did not see end (<c>daemon_restart</c>: the previous
    /// daemon died while it ran); its counts are then unknown and written as zero.
    /// </summary>
    public string? Reason { get; init; }

    internal override void WriteFields(Utf8JsonWriter writer)
    {
        WriteNullable(writer, "code", Code);
        WriteNullable(writer, "signal", Signal);
        writer.WriteNumber("duration_ms", DurationMs);
        writer.WriteNumber("stdout_bytes", StdoutBytes);
        writer.WriteNumber("stderr_bytes", StderrBytes);
        writer.WriteBoolean("truncated", Truncated);
        if (Reason is not null)
        {
            writer.WriteString("reason", Reason);
        }
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is int v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}

/// <summary>A request was refused (durable before the refusal is answered).</summary>
public sealed record AuditDenialEvent(
    RequestId RequestId,
    AgentId AgentId,
    MachineId MachineId,
    IReadOnlyList<string> Argv,
    DenialReason Reason) : AuditEvent(RequestId)
{
    public override string Name => "denial";

    /// <summary>
    /// Set for callers the ACL does not name: <c>argv</c> is then only this summary's prefix, followed after
    /// <c>reason</c> by <c>argv_count</c>, <c>argv_bytes</c> and <c>argv_sha256</c>.
    /// </summary>
    public DeniedArgv? Summary { get; init; }

    /// <summary>Denials of the same peer answered but not audited (rate limit) since its previous audited one.</summary>
    public long SuppressedBefore { get; init; }

    internal override void WriteFields(Utf8JsonWriter writer)
    {
        writer.WriteString("agent_id", AgentId.ToString());
        writer.WriteString("machine_id", MachineId.ToString());
        WriteArgv(writer, Summary?.Prefix ?? Argv);
        writer.WriteString("reason", Reason.ToToken());
        if (Summary is { } summary)
        {
            writer.WriteNumber("argv_count", summary.Count);
            writer.WriteNumber("argv_bytes", summary.Bytes);
            writer.WriteString("argv_sha256", summary.Sha256);
        }

        if (SuppressedBefore > 0)
        {
            writer.WriteNumber("suppressed_before", SuppressedBefore);
        }
    }
}
