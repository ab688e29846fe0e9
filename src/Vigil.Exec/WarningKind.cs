namespace Vigil.Exec;

/// <summary>Runtime warnings a session emits (reference x0x §4.4). String forms are wire/audit vocabulary.</summary>
public enum WarningKind
{
    StdoutCapHit,
    StderrCapHit,
    DurationApproachingCap,
    StdoutApproachingCap,
    StderrApproachingCap,
    LeaseExpired,
    PeerDisconnected,
    Cancelled,
}

/// <summary>String forms and fixed messages of <see cref="WarningKind"/>.</summary>
public static class WarningKinds
{
    public static IReadOnlyList<WarningKind> All { get; } = Enum.GetValues<WarningKind>();

    public static string ToToken(this WarningKind kind) => kind switch
    {
        WarningKind.StdoutCapHit => "stdout_cap_hit",
        WarningKind.StderrCapHit => "stderr_cap_hit",
        WarningKind.DurationApproachingCap => "duration_approaching_cap",
        WarningKind.StdoutApproachingCap => "stdout_approaching_cap",
        WarningKind.StderrApproachingCap => "stderr_approaching_cap",
        WarningKind.LeaseExpired => "lease_expired",
        WarningKind.PeerDisconnected => "peer_disconnected",
        WarningKind.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
