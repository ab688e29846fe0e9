using Vigil.Exec.Diagnostics;
using Vigil.Exec.Identity;
using Vigil.Exec.Policy;
using Vigil.Exec.Sessions;

namespace Vigil.Server.Tests;

/// <summary>Cancel, Sessions and Diagnostics proofs get the replay cache that Run has: a captured proof works once.</summary>
public sealed class ControlReplayTests : IDisposable
{
    private readonly MachineKey _self = MachineKey.Generate();
    private readonly MachineKey _callerMachine = MachineKey.Generate();
    private readonly AgentKey _agent = AgentKey.Generate();
    private readonly ExecService _service;
    private readonly byte[] _binding;

    public ControlReplayTests()
    {
        _binding = AgentBinding.Create(_agent, _callerMachine.Id);
        ExecPolicy policy = AclLoader.Parse("[exec]\nenabled = false\n", "acl.toml");
        _service = new ExecService(_self.Id, policy, new RequestVerifier(_self.Id, TimeProvider.System), null, new ExecDiagnostics(TimeProvider.System), TimeProvider.System);
    }

    public void Dispose()
    {
        _self.Dispose();
        _callerMachine.Dispose();
    }

    private ControlProof Proof(ControlVerb verb) =>
        ControlProof.Create(_agent, _binding, verb, _self.Id, verb == ControlVerb.Cancel ? new RequestId(7, 9) : default, (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    [Theory]
    [InlineData(ControlVerb.Cancel)]
    [InlineData(ControlVerb.Sessions)]
    [InlineData(ControlVerb.Diagnostics)]
    public void SameProofTwice_SecondIsRefusedAndCounted(ControlVerb verb)
    {
        ControlProof proof = Proof(verb);

        Assert.Equal(_agent.Id, _service.VerifyControl(proof, _callerMachine.Id));
        Assert.Null(_service.VerifyControl(proof, _callerMachine.Id));
        Assert.Equal(1, _service.Diagnostics().Totals.ReplaysRejected);
    }

    [Fact]
    public void FreshProofsForTheSameCall_EachVerifyOnce()
    {
        Assert.Equal(_agent.Id, _service.VerifyControl(Proof(ControlVerb.Diagnostics), _callerMachine.Id));
        Assert.Equal(_agent.Id, _service.VerifyControl(Proof(ControlVerb.Diagnostics), _callerMachine.Id));
    }
}
