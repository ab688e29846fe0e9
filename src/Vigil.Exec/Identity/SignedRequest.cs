namespace Vigil.Exec.Identity;

/// <summary>
/// A request as it arrives at the daemon: the signed content plus everything needed to check who signed it.
/// None of the identity fields is trusted until <see cref="RequestVerifier"/> accepts it.
/// </summary>
/// <param name="Request">The signed content.</param>
/// <param name="AgentPublicKey">The raw ML-DSA-65 public key of the signer.</param>
/// <param name="Binding">The signer's binding to the machine it calls from (<see cref="AgentBinding"/>).</param>
/// <param name="ClaimedAgentId">The AgentId the caller says it is; must equal the id of <paramref name="AgentPublicKey"/>.</param>
/// <param name="Signature">ML-DSA-65 signature over <see cref="CanonicalRequest.Encode"/> of <paramref name="Request"/>.</param>
public sealed record SignedRequest(
    ExecRequest Request,
    ReadOnlyMemory<byte> AgentPublicKey,
    ReadOnlyMemory<byte> Binding,
    AgentId ClaimedAgentId,
    ReadOnlyMemory<byte> Signature);
