namespace Vigil.Exec.Policy;

/// <summary>
/// The summary of a loaded ACL for diagnostics and <c>vigil check</c> (reference x0x §8.2): where it came from,
/// how many entries and commands it has, the global caps and the audit mode. Never ids, argv patterns or
/// descriptions. Diagnostics render only provenance and counts (the reference never exposes caps remotely).
/// </summary>
/// <param name="Enabled">True only for a valid <c>enabled = true</c> ACL.</param>
/// <param name="LoadedFrom">The ACL path (or the default path that was missing).</param>
/// <param name="LoadedAtUnixMs">Wall-clock load time.</param>
/// <param name="AllowEntryCount">Number of <c>[[exec.allow]]</c> entries (0 when disabled).</param>
/// <param name="CommandEntryCount">Number of commands over all entries (0 when disabled).</param>
/// <param name="DiagnosticsEntryCount">Entries with <c>diagnostics = true</c> (0 when disabled).</param>
/// <param name="DisabledReason">Null when enabled; else <c>acl_missing</c>, <c>missing_exec_section</c>,
/// <c>exec_disabled</c> or <c>no exec ACL configured</c>.</param>
/// <param name="Caps">The global caps of an enabled policy; null when disabled.</param>
/// <param name="AuditFailure">What happens when the audit cannot be written.</param>
public sealed record AclSummary(
    bool Enabled,
    string LoadedFrom,
    long LoadedAtUnixMs,
    int AllowEntryCount,
    int CommandEntryCount,
    int DiagnosticsEntryCount,
    string? DisabledReason,
    ExecCaps? Caps,
    AuditFailureMode AuditFailure);
