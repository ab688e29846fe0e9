namespace Vigil.Exec;

/// <summary>
/// Why a request was refused. The string forms are wire, audit and diagnostics vocabulary:
/// the first twelve are the reference's (x0x §4.5); the rest are Vigil's additions (design/exec.md).
/// </summary>
public enum DenialReason
{
    ExecDisabled,
    UnverifiedSender,
    TrustRejected,
    AgentMachineNotInAcl,
    ArgvNotAllowed,
    StdinTooLarge,
    TimeoutTooLarge,
    CwdNotAllowed,
    ConcurrencyLimitReached,
    ShellMetacharInArgv,
    SpawnFailed,
    MalformedFrame,

    // Vigil additions.
    StaleRequest,
    ReplayedRequest,
    WrongTarget,
    AuditUnavailable,
    ExecutableDigestMismatch,
}

/// <summary>String forms of <see cref="DenialReason"/>.</summary>
public static class DenialReasons
{
    /// <summary>Every reason in declaration order (diagnostics breakdowns iterate this for stable output).</summary>
    public static IReadOnlyList<DenialReason> All { get; } = Enum.GetValues<DenialReason>();

    public static string ToToken(this DenialReason reason) => reason switch
    {
        DenialReason.ExecDisabled => "exec_disabled",
        DenialReason.UnverifiedSender => "unverified_sender",
        DenialReason.TrustRejected => "trust_rejected",
        DenialReason.AgentMachineNotInAcl => "agent_machine_not_in_acl",
        DenialReason.ArgvNotAllowed => "argv_not_allowed",
        DenialReason.StdinTooLarge => "stdin_too_large",
        DenialReason.TimeoutTooLarge => "timeout_too_large",
        DenialReason.CwdNotAllowed => "cwd_not_allowed",
        DenialReason.ConcurrencyLimitReached => "concurrency_limit_reached",
        DenialReason.ShellMetacharInArgv => "shell_metachar_in_argv",
        DenialReason.SpawnFailed => "spawn_failed",
        DenialReason.MalformedFrame => "malformed_frame",
        DenialReason.StaleRequest => "stale_request",
        DenialReason.ReplayedRequest => "replayed_request",
        DenialReason.WrongTarget => "wrong_target",
        DenialReason.AuditUnavailable => "audit_unavailable",
        DenialReason.ExecutableDigestMismatch => "executable_digest_mismatch",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    public static bool TryParse(string token, out DenialReason reason)
    {
        foreach (DenialReason r in All)
        {
            if (r.ToToken() == token)
            {
                reason = r;
                return true;
            }
        }

        reason = default;
        return false;
    }
}
