using System.Diagnostics.CodeAnalysis;

namespace Vigil.Exec.Policy;

/// <summary>The outcome of <see cref="ExecPolicy.Evaluate"/>: either the effective caps, or the first failing reason.</summary>
public readonly record struct PolicyDecision
{
    private PolicyDecision(EffectiveCaps? caps, DenialReason? denial)
    {
        Caps = caps;
        Denial = denial;
    }

    /// <summary>Set when the request is allowed.</summary>
    public EffectiveCaps? Caps { get; }

    /// <summary>Set when the request is denied.</summary>
    public DenialReason? Denial { get; }

    [MemberNotNullWhen(true, nameof(Caps))]
    [MemberNotNullWhen(false, nameof(Denial))]
    public bool IsAllowed => Caps is not null;

    public static PolicyDecision Allow(EffectiveCaps caps) => new(caps ?? throw new ArgumentNullException(nameof(caps)), null);

    public static PolicyDecision Deny(DenialReason reason) => new(null, reason);

    public override string ToString() => IsAllowed
        ? $"allow (entry {Caps.EntryIndex}, command {Caps.CommandIndex})"
        : $"deny {Denial.Value.ToToken()}";
}
