using System.Security.Cryptography.X509Certificates;

namespace Vigil.Exec.Identity;

/// <summary>
/// A host's loaded key material: the machine key (TLS), the agent key (request signing) and the binding
/// between them. Obtain it from <see cref="KeyDirectory"/>.
/// </summary>
public sealed class HostIdentity : IDisposable
{
    private readonly string? _certificatePem;

    internal HostIdentity(MachineKey machine, AgentKey agent, byte[] binding, string? certificatePem = null)
    {
        _certificatePem = certificatePem;
        Machine = machine;
        Agent = agent;
        Binding = binding;
        Signer = new RequestSigner(agent, binding);
    }

    public MachineKey Machine { get; }

    public AgentKey Agent { get; }

    /// <summary>The agent's signature binding it to <see cref="MachineId"/> (see <see cref="AgentBinding"/>).</summary>
    public ReadOnlyMemory<byte> Binding { get; }

    public AgentId AgentId => Agent.Id;

    public MachineId MachineId => Machine.Id;

    /// <summary>Signs requests as this host's agent.</summary>
    public RequestSigner Signer { get; }

    /// <summary>
    /// The machine's TLS certificate with its private key: the one made at keygen (<c>machine.crt</c>) when it is
    /// there and carries this machine key, otherwise a fresh self-signed one. The caller disposes it.
    /// </summary>
    public X509Certificate2 TlsCertificate(TimeProvider? time = null) =>
        _certificatePem is not null && time is null && Machine.TryAttach(_certificatePem) is { } stored
            ? stored
            : Machine.CreateSelfSignedCertificate(time);

    public void Dispose() => Machine.Dispose();
}
