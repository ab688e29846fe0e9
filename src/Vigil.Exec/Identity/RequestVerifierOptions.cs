namespace Vigil.Exec.Identity;

/// <summary>Freshness and replay settings of <see cref="RequestVerifier"/>.</summary>
public sealed record RequestVerifierOptions
{
    /// <summary>
    /// How far issued-at may lie from the daemon's clock, either way (default 60 s). It is also the replay
    /// window: an id is remembered until its request could no longer pass this check.
    /// </summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Most (agent, request id) pairs remembered at once (default 262 144); beyond it, fail closed.</summary>
    public int ReplayCacheCapacity { get; init; } = 262_144;
}
