namespace Vigil.Exec.Identity;

/// <summary>Outcome of <see cref="RequestVerifier.Verify"/>: the proven agent, or why the request is refused.</summary>
public readonly record struct RequestVerification
{
    private RequestVerification(AgentId agent, DenialReason? denial)
    {
        Agent = agent;
        Denial = denial;
    }

    /// <summary>The verified caller; meaningful only when <see cref="IsVerified"/>.</summary>
    public AgentId Agent { get; }

    /// <summary>Null when verified; otherwise one of unverified_sender, wrong_target, stale_request, replayed_request.</summary>
    public DenialReason? Denial { get; }

    public bool IsVerified => Denial is null;

    internal static RequestVerification Verified(AgentId agent) => new(agent, null);

    internal static RequestVerification Denied(DenialReason reason) => new(default, reason);
}
