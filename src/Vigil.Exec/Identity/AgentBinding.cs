namespace Vigil.Exec.Identity;

/// <summary>
/// The agent's signature over <c>"vigil-binding-v1\0"</c> ‖ MachineId: the agent consents to act from that
/// machine. A request relayed through, or an agent key copied to, another host fails because the TLS
/// handshake proves a different MachineId.
/// </summary>
public static class AgentBinding
{
    private static ReadOnlySpan<byte> Domain => "vigil-binding-v1\0"u8;

    public static byte[] Create(AgentKey agent, MachineId machine)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return agent.Sign(Message(machine));
    }

    public static bool Verify(ReadOnlySpan<byte> agentPublicKey, MachineId machine, ReadOnlySpan<byte> binding) =>
        AgentKey.Verify(agentPublicKey, Message(machine), binding);

    private static byte[] Message(MachineId machine)
    {
        byte[] message = new byte[Domain.Length + Hash256.ByteLength];
        Domain.CopyTo(message);
        machine.CopyTo(message.AsSpan(Domain.Length));
        return message;
    }
}
