using Vigil.Exec.Identity;
using Vigil.Exec.Sessions;

namespace Vigil.Server.Tests;

/// <summary>The signed proof on Cancel/Sessions/Diagnostics: every field it covers is checked.</summary>
public sealed class ControlProofTests : IDisposable
{
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(60);
    private readonly MachineKey _caller = MachineKey.Generate();
    private readonly MachineKey _daemon = MachineKey.Generate();
    private readonly AgentKey _agent = AgentKey.Generate();
    private readonly byte[] _binding;
    private readonly long _now = 1_800_000_000_000;

    public ControlProofTests() => _binding = AgentBinding.Create(_agent, _caller.Id);

    public void Dispose()
    {
        _caller.Dispose();
        _daemon.Dispose();
    }

    private ControlProof Proof(ControlVerb verb = ControlVerb.Cancel, RequestId? id = null, long? at = null) =>
        ControlProof.Create(_agent, _binding, verb, _daemon.Id, id ?? new RequestId(1, 2), (ulong)(at ?? _now));

    [Fact]
    public void ValidProof_YieldsTheAgent()
    {
        Assert.Equal(_agent.Id, Proof().Verify(_daemon.Id, _caller.Id, _now, Skew));
    }

    [Fact]
    public void ProofForOneVerb_DoesNotVerifyAsAnother()
    {
        ControlProof sessions = Proof(ControlVerb.Sessions);
        Assert.Null((sessions with { Verb = ControlVerb.Cancel }).Verify(_daemon.Id, _caller.Id, _now, Skew));
    }

    [Fact]
    public void ChangedRequestId_Fails()
    {
        ControlProof p = Proof();
        Assert.Null((p with { RequestId = new RequestId(1, 3) }).Verify(_daemon.Id, _caller.Id, _now, Skew));
    }

    [Fact]
    public void OtherDaemon_OtherCallerMachine_OrStale_Fail()
    {
        using var elsewhere = MachineKey.Generate();
        ControlProof p = Proof();
        Assert.Null(p.Verify(elsewhere.Id, _caller.Id, _now, Skew));
        Assert.Null(p.Verify(_daemon.Id, elsewhere.Id, _now, Skew));
        Assert.Null(p.Verify(_daemon.Id, _caller.Id, _now + 61_000, Skew));
        Assert.Equal(_agent.Id, p.Verify(_daemon.Id, _caller.Id, _now + 59_000, Skew));
    }

    [Fact]
    public void EmptySignature_Fails()
    {
        Assert.Null((Proof() with { Signature = ReadOnlyMemory<byte>.Empty }).Verify(_daemon.Id, _caller.Id, _now, Skew));
    }
}
