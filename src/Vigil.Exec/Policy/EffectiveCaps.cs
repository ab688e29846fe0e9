namespace Vigil.Exec.Policy;

/// <summary>
/// What an allowed request may do: the caps the runtime enforces, the digest it must check at spawn time and the
/// labels it audits. Built by <see cref="ExecPolicy.Evaluate"/> from the global caps and the matching entry.
/// </summary>
/// <param name="MaxStdoutBytes">Bytes of stdout forwarded before <c>stdout_cap_hit</c>.</param>
/// <param name="MaxStderrBytes">Bytes of stderr forwarded before <c>stderr_cap_hit</c>.</param>
/// <param name="WarnStdoutBytes">Threshold of <c>stdout_approaching_cap</c>; 0 disables it. Already ≤ the cap.</param>
/// <param name="WarnStderrBytes">Threshold of <c>stderr_approaching_cap</c>; 0 disables it. Already ≤ the cap.</param>
/// <param name="WarnDurationSecs">Threshold of <c>duration_approaching_cap</c> (0 fires at once). Already ≤ the global duration cap.</param>
/// <param name="MaxDurationSecs">The ceiling the request's timeout was checked against: min(entry, global).</param>
/// <param name="DurationCapSecs">The session's run-time cap: the requested whole seconds, at least 1.</param>
/// <param name="ExpectedSha256">Lowercase hex SHA-256 the resolved executable must have, or null when the command is not pinned.</param>
/// <param name="Diagnostics">Whether the matching entry grants remote diagnostics.</param>
/// <param name="Description">The matching entry's description (audit <c>matched_acl</c>), or null.</param>
/// <param name="DefaultCwd">Working directory of every child, or null to inherit the daemon's.</param>
/// <param name="EntryIndex">Zero-based index of the matching <c>[[exec.allow]]</c> entry.</param>
/// <param name="CommandIndex">Zero-based index of the matching command within that entry.</param>
public sealed record EffectiveCaps(
    long MaxStdoutBytes,
    long MaxStderrBytes,
    long WarnStdoutBytes,
    long WarnStderrBytes,
    long WarnDurationSecs,
    long MaxDurationSecs,
    long DurationCapSecs,
    string? ExpectedSha256,
    bool Diagnostics,
    string? Description,
    string? DefaultCwd,
    int EntryIndex,
    int CommandIndex);
