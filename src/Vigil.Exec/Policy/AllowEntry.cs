namespace Vigil.Exec.Policy;

/// <summary>One <c>[[exec.allow]]</c> entry. Ids are stored lowercase.</summary>
/// <param name="Index">Zero-based position in the file.</param>
/// <param name="Description">Human label, audited as <c>matched_acl</c>.</param>
/// <param name="AgentId">Lowercase hex AgentId.</param>
/// <param name="MachineId">Lowercase hex MachineId.</param>
/// <param name="MaxDurationSecs">The entry's own ceiling, or null; the effective value is min(this, global).</param>
/// <param name="Diagnostics">Whether this pair may read diagnostics and sessions remotely.</param>
/// <param name="Commands">Commands in file order.</param>
internal sealed record AllowEntry(
    int Index,
    string? Description,
    string AgentId,
    string MachineId,
    long? MaxDurationSecs,
    bool Diagnostics,
    IReadOnlyList<AclCommand> Commands);
