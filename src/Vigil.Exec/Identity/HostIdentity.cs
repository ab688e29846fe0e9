namespace Vigil.Exec.Identity;

/// <summary>
/// A host's loaded key material: the machine key (TLS), the agent key (request signing) and the binding
/// between them. Obtain it from <see cref="KeyDirectory"/>.
/// </summary>
public sealed class HostIdentity : IDisposable
{
    internal HostIdentity(MachineKey machine, AgentKey agent, byte[] binding)
    {
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

    public void Dispose() => Machine.Dispose();
}
