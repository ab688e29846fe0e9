namespace Vigil.Exec.Diagnostics;

/// <summary>
/// The safe ACL summary of diagnostics (reference §8.2): counts and provenance only, never ids, argv patterns
/// or caps. Filled from the loaded policy.
/// </summary>
/// <param name="Enabled">Whether exec is enabled.</param>
/// <param name="LoadedFrom">The ACL path (null when none is configured).</param>
/// <param name="LoadedAtUnixMs">When the policy was loaded.</param>
/// <param name="AllowEntryCount">Number of <c>[[exec.allow]]</c> entries (0 when disabled).</param>
/// <param name="CommandEntryCount">Number of command entries across them (0 when disabled).</param>
/// <param name="DisabledReason">Why exec is disabled (acl_missing, missing_exec_section, exec_disabled, …); null when enabled.</param>
public sealed record AclSummary(
    bool Enabled,
    string? LoadedFrom,
    long LoadedAtUnixMs,
    int AllowEntryCount,
    int CommandEntryCount,
    string? DisabledReason);
