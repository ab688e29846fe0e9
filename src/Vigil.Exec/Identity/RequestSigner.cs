namespace Vigil.Exec.Identity;

/// <summary>Signs requests with an agent key and attaches the agent's machine binding.</summary>
public sealed class RequestSigner
{
    private readonly AgentKey _agent;
    private readonly ReadOnlyMemory<byte> _binding;

    public RequestSigner(AgentKey agent, ReadOnlyMemory<byte> binding)
    {
        ArgumentNullException.ThrowIfNull(agent);
        _agent = agent;
        _binding = binding;
    }

    public SignedRequest Sign(ExecRequest request)
    {
        byte[] signature = _agent.Sign(CanonicalRequest.Encode(request));
        return new SignedRequest(request, _agent.PublicKey, _binding, _agent.Id, signature);
    }
}
