namespace Vigil.Exec.Policy;

/// <summary>
/// A loaded exec ACL: immutable for the life of the daemon (no hot reload). <see cref="Evaluate"/> is the pure
/// policy decision; everything it needs is in this object and the request, with no clock, I/O or shared state.
/// </summary>
public sealed class ExecPolicy
{
    /// <summary>Where <c>vigil serve</c> and <c>vigil check</c> look when no <c>--acl</c> is given.</summary>
    public const string DefaultPath = "/etc/vigil/exec-acl.toml";

    /// <summary>Audit log used when <c>audit_log_path</c> is not set.</summary>
    public const string DefaultAuditLogPath = "/var/log/vigil/exec.log";

    public const string ReasonAclMissing = "acl_missing";
    public const string ReasonMissingExecSection = "missing_exec_section";
    public const string ReasonExecDisabled = "exec_disabled";
    public const string ReasonNotConfigured = "no exec ACL configured";

    private readonly IReadOnlyList<AllowEntry> _entries;

    internal ExecPolicy(
        bool enabled,
        string? disabledReason,
        string loadedFrom,
        long loadedAtUnixMs,
        ExecCaps caps,
        AuditFailureMode auditFailure,
        string? defaultCwd,
        string auditLogPath,
        string? auditTasklistId,
        IReadOnlyList<AllowEntry> entries)
    {
        Enabled = enabled;
        DisabledReason = disabledReason;
        LoadedFrom = loadedFrom;
        LoadedAtUnixMs = loadedAtUnixMs;
        Caps = caps;
        AuditFailure = auditFailure;
        DefaultCwd = defaultCwd;
        AuditLogPath = auditLogPath;
        AuditTasklistId = auditTasklistId;
        _entries = entries;

        int commands = 0;
        int diagnostics = 0;
        foreach (AllowEntry entry in entries)
        {
            commands += entry.Commands.Count;
            diagnostics += entry.Diagnostics ? 1 : 0;
        }

        Summary = new AclSummary(
            enabled,
            loadedFrom,
            loadedAtUnixMs,
            entries.Count,
            commands,
            diagnostics,
            disabledReason,
            enabled ? caps : null,
            auditFailure);
    }

    /// <summary>True only for <c>[exec] enabled = true</c> with every check passed.</summary>
    public bool Enabled { get; }

    /// <summary>Null when enabled; otherwise one of the <c>Reason*</c> constants.</summary>
    public string? DisabledReason { get; }

    /// <summary>The path the policy was loaded from (or would have been).</summary>
    public string LoadedFrom { get; }

    public long LoadedAtUnixMs { get; }

    public ExecCaps Caps { get; }

    public AuditFailureMode AuditFailure { get; }

    /// <summary>Working directory of every child, or null to inherit the daemon's. Not validated (spawn fails if bad).</summary>
    public string? DefaultCwd { get; }

    public string AuditLogPath { get; }

    /// <summary>Parsed and kept for compatibility with reference files; no effect.</summary>
    public string? AuditTasklistId { get; }

    /// <summary>Provenance, counts, caps and audit mode for <c>vigil check</c>; diagnostics render only its provenance and counts.</summary>
    public AclSummary Summary { get; }

    /// <summary>Entries in file order. Internal: ACL contents are never exposed outside the exec library.</summary>
    internal IReadOnlyList<AllowEntry> Entries => _entries;

    /// <summary>A disabled policy for an embedder that configured none (reference: <c>no exec ACL configured</c>).</summary>
    public static ExecPolicy NotConfigured { get; } = Disabled(ReasonNotConfigured, DefaultPath, 0);

    internal static ExecPolicy Disabled(string reason, string loadedFrom, long loadedAtUnixMs) => new(
        enabled: false,
        disabledReason: reason,
        loadedFrom,
        loadedAtUnixMs,
        ExecCaps.Default,
        AuditFailureMode.Deny,
        defaultCwd: null,
        DefaultAuditLogPath,
        auditTasklistId: null,
        entries: []);

    /// <summary>
    /// Decides a request in the reference's order (x0x §6.2 step 5-6): disabled, empty argv, cwd, shell
    /// metacharacters, pair membership, argv match (first entry, first command wins), stdin size, timeout. The
    /// metacharacter and cwd checks run before membership so an unknown caller learns nothing about the ACL.
    /// Signature, replay and target checks come before this; concurrency and the digest check after it.
    /// </summary>
    /// <param name="agentId">The caller's verified AgentId, 64 hex in any case.</param>
    /// <param name="machineId">The caller's verified MachineId, 64 hex in any case.</param>
    /// <param name="request">Argv, stdin length, timeout and whether a cwd was asked for.</param>
    public PolicyDecision Evaluate(string agentId, string machineId, in PolicyRequest request)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        ArgumentNullException.ThrowIfNull(machineId);
        IReadOnlyList<string> argv = request.Argv ?? [];

        if (!Enabled)
        {
            return PolicyDecision.Deny(DenialReason.ExecDisabled);
        }

        if (argv.Count == 0)
        {
            return PolicyDecision.Deny(DenialReason.ArgvNotAllowed);
        }

        if (request.CwdPresent)
        {
            return PolicyDecision.Deny(DenialReason.CwdNotAllowed);
        }

        if (ShellMetachar.AnyToken(argv))
        {
            return PolicyDecision.Deny(DenialReason.ShellMetacharInArgv);
        }

        AllowEntry? matchedEntry = null;
        int matchedCommand = -1;
        bool pairKnown = false;
        foreach (AllowEntry entry in _entries)
        {
            if (!HexId.SameId(entry.AgentId, agentId) || !HexId.SameId(entry.MachineId, machineId))
            {
                continue;
            }

            pairKnown = true;
            for (int c = 0; c < entry.Commands.Count; c++)
            {
                if (ArgvMatcher.Matches(entry.Commands[c].Argv, argv))
                {
                    matchedEntry = entry;
                    matchedCommand = c;
                    break;
                }
            }

            if (matchedEntry is not null)
            {
                break;
            }
        }

        if (!pairKnown)
        {
            return PolicyDecision.Deny(DenialReason.AgentMachineNotInAcl);
        }

        if (matchedEntry is null)
        {
            return PolicyDecision.Deny(DenialReason.ArgvNotAllowed);
        }

        if (request.StdinLength > Caps.MaxStdinBytes)
        {
            return PolicyDecision.Deny(DenialReason.StdinTooLarge);
        }

        long ceiling = matchedEntry.MaxDurationSecs is long own ? Math.Min(own, Caps.MaxDurationSecs) : Caps.MaxDurationSecs;
        long requestedSecs = ((long)request.TimeoutMs + 999) / 1000;
        if (requestedSecs > ceiling)
        {
            return PolicyDecision.Deny(DenialReason.TimeoutTooLarge);
        }

        return PolicyDecision.Allow(new EffectiveCaps(
            Caps.MaxStdoutBytes,
            Caps.MaxStderrBytes,
            Caps.WarnStdoutBytes,
            Caps.WarnStderrBytes,
            Caps.WarnDurationSecs,
            ceiling,
            Math.Max(requestedSecs, 1),
            matchedEntry.Commands[matchedCommand].Sha256,
            matchedEntry.Diagnostics,
            matchedEntry.Description,
            DefaultCwd,
            matchedEntry.Index,
            matchedCommand));
    }

    /// <summary>Whether some entry names exactly this pair (always false for a disabled policy).</summary>
    public bool NamesPair(string agentId, string machineId)
    {
        if (!Enabled)
        {
            return false;
        }

        foreach (AllowEntry entry in _entries)
        {
            if (HexId.SameId(entry.AgentId, agentId) && HexId.SameId(entry.MachineId, machineId))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the pair may read diagnostics and sessions remotely: some entry for exactly this pair says
    /// <c>diagnostics = true</c>. Always false for a disabled policy.
    /// </summary>
    public bool AllowsDiagnostics(string agentId, string machineId)
    {
        if (!Enabled)
        {
            return false;
        }

        foreach (AllowEntry entry in _entries)
        {
            if (entry.Diagnostics && HexId.SameId(entry.AgentId, agentId) && HexId.SameId(entry.MachineId, machineId))
            {
                return true;
            }
        }

        return false;
    }
}
