using System.Text;
using Vigil.Exec.Identity;

namespace Vigil.Exec.Tests.Identity;

/// <summary>
/// The binding's signed message is written out here from design/exec.md ("the agent's signature over
/// <c>"vigil-binding-v1\0"</c> ‖ MachineId bytes"), independently of <see cref="AgentBinding"/>, so a change to the
/// domain or the layout cannot pass just because Create and Verify changed together.
/// </summary>
public sealed class AgentBindingTests
{
    private static readonly AgentKey Agent = AgentKey.Generate();
    private static readonly MachineId Machine = MachineId.FromBytes(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    private static byte[] DesignMessage(MachineId machine) =>
        [.. Encoding.ASCII.GetBytes("vigil-binding-v1"), 0, .. machine.ToBytes()];

    [Fact]
    public void Create_SignsTheDesignMessage()
    {
        byte[] binding = AgentBinding.Create(Agent, Machine);
        Assert.True(AgentKey.Verify(Agent.PublicKey.Span, DesignMessage(Machine), binding));
    }

    [Fact]
    public void Verify_AcceptsASignatureOverTheDesignMessage_AndOnlyForThatMachine()
    {
        byte[] signature = Agent.Sign(DesignMessage(Machine));
        MachineId other = MachineId.FromBytes(Enumerable.Repeat((byte)0x55, 32).ToArray());

        Assert.True(AgentBinding.Verify(Agent.PublicKey.Span, Machine, signature));
        Assert.False(AgentBinding.Verify(Agent.PublicKey.Span, other, signature));
    }

    [Fact]
    public void Verify_RefusesTheSameMachineBytesUnderAnotherDomain()
    {
        // Without the NUL terminator, or with another version, the message is a different statement.
        byte[] noNul = [.. Encoding.ASCII.GetBytes("vigil-binding-v1"), .. Machine.ToBytes()];
        byte[] v2 = [.. Encoding.ASCII.GetBytes("vigil-binding-v2"), 0, .. Machine.ToBytes()];

        Assert.False(AgentBinding.Verify(Agent.PublicKey.Span, Machine, Agent.Sign(noNul)));
        Assert.False(AgentBinding.Verify(Agent.PublicKey.Span, Machine, Agent.Sign(v2)));
    }
}
