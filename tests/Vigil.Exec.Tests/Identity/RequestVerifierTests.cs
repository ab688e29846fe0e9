using Vigil.Exec.Identity;

namespace Vigil.Exec.Tests.Identity;

public sealed class RequestVerifierTests
{
    private const long Now = 1_767_225_600_000;

    // Key generation dominates the cost of these tests, so the keys are shared (they are immutable).
    private static readonly AgentKey Agent = AgentKey.Generate();
    private static readonly AgentKey OtherAgent = AgentKey.Generate();
    private static readonly MachineKey CallerMachine = MachineKey.Generate();
    private static readonly MachineKey DaemonMachine = MachineKey.Generate();
    private static readonly byte[] Binding = AgentBinding.Create(Agent, CallerMachine.Id);

    private readonly ManualTimeProvider _clock = new(Now);

    private RequestVerifier NewVerifier(RequestVerifierOptions? options = null) =>
        new(DaemonMachine.Id, _clock, options);

    private static ExecRequest Content(long issuedAt = Now, MachineId? target = null) => new(
        target ?? DaemonMachine.Id,
        RequestId.NewRandom(),
        (ulong)issuedAt,
        5000,
        ["/bin/echo", "hello"],
        "input"u8.ToArray(),
        CwdPresent: false);

    private static SignedRequest Sign(ExecRequest content) => new RequestSigner(Agent, Binding).Sign(content);

    [Fact]
    public void ValidRequest_IsVerified_AsItsAgent()
    {
        RequestVerification result = NewVerifier().Verify(Sign(Content()), CallerMachine.Id);
        Assert.True(result.IsVerified);
        Assert.Null(result.Denial);
        Assert.Equal(Agent.Id, result.Agent);
    }

    public static TheoryData<string> SignedFields() =>
        ["target", "request_id", "issued_at", "timeout", "argv_token", "argv_extra", "argv_split", "stdin", "cwd", "signature"];

    [Theory]
    [MemberData(nameof(SignedFields))]
    public void TamperingWithAnySignedField_IsUnverifiedSender(string field)
    {
        SignedRequest good = Sign(Content());
        ExecRequest c = good.Request;
        SignedRequest tampered = field switch
        {
            "target" => good with { Request = c with { Target = CallerMachine.Id } },
            "request_id" => good with { Request = c with { RequestId = RequestId.NewRandom() } },
            "issued_at" => good with { Request = c with { IssuedAtUnixMs = c.IssuedAtUnixMs + 1 } },
            "timeout" => good with { Request = c with { TimeoutMs = c.TimeoutMs + 1 } },
            "argv_token" => good with { Request = c with { Argv = ["/bin/echo", "hellO"] } },
            "argv_extra" => good with { Request = c with { Argv = ["/bin/echo", "hello", "x"] } },
            "argv_split" => good with { Request = c with { Argv = ["/bin/echo hello"] } },
            "stdin" => good with { Request = c with { Stdin = "inpuT"u8.ToArray() } },
            "cwd" => good with { Request = c with { CwdPresent = true } },
            "signature" => good with { Signature = Flip(good.Signature, 100) },
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };

        Assert.Equal(DenialReason.UnverifiedSender, NewVerifier().Verify(tampered, CallerMachine.Id).Denial);
    }

    [Fact]
    public void ClaimingAnotherAgentId_IsUnverifiedSender()
    {
        SignedRequest request = Sign(Content()) with { ClaimedAgentId = OtherAgent.Id };
        Assert.Equal(DenialReason.UnverifiedSender, NewVerifier().Verify(request, CallerMachine.Id).Denial);
    }

    [Fact]
    public void AnotherAgentsPublicKey_IsUnverifiedSender()
    {
        // The key matches the claimed id, but it did not make the signature or the binding.
        SignedRequest request = Sign(Content()) with { AgentPublicKey = OtherAgent.PublicKey, ClaimedAgentId = OtherAgent.Id };
        Assert.Equal(DenialReason.UnverifiedSender, NewVerifier().Verify(request, CallerMachine.Id).Denial);
    }

    [Fact]
    public void MalformedPublicKey_IsUnverifiedSender()
    {
        byte[] shortKey = Agent.PublicKey[..100].ToArray();
        SignedRequest request = Sign(Content()) with { AgentPublicKey = shortKey, ClaimedAgentId = AgentId.FromPublicKey(shortKey) };
        Assert.Equal(DenialReason.UnverifiedSender, NewVerifier().Verify(request, CallerMachine.Id).Denial);
    }

    [Fact]
    public void BindingForAnotherMachine_IsUnverifiedSender()
    {
        // A correctly signed request relayed from a host the agent never bound itself to.
        using MachineKey relay = MachineKey.Generate();
        Assert.Equal(DenialReason.UnverifiedSender, NewVerifier().Verify(Sign(Content()), relay.Id).Denial);

        byte[] bindingForRelay = AgentBinding.Create(Agent, relay.Id);
        SignedRequest rebound = new RequestSigner(Agent, bindingForRelay).Sign(Content());
        Assert.Equal(DenialReason.UnverifiedSender, NewVerifier().Verify(rebound, CallerMachine.Id).Denial);
        Assert.True(NewVerifier().Verify(rebound, relay.Id).IsVerified);
    }

    [Fact]
    public void BindingSignedByAnotherAgent_IsUnverifiedSender()
    {
        SignedRequest request = Sign(Content()) with { Binding = AgentBinding.Create(OtherAgent, CallerMachine.Id) };
        Assert.Equal(DenialReason.UnverifiedSender, NewVerifier().Verify(request, CallerMachine.Id).Denial);
    }

    [Fact]
    public void RequestForAnotherMachine_IsWrongTarget()
    {
        SignedRequest request = Sign(Content(target: CallerMachine.Id));
        Assert.Equal(DenialReason.WrongTarget, NewVerifier().Verify(request, CallerMachine.Id).Denial);
    }

    [Theory]
    [InlineData(-60_001)]
    [InlineData(60_001)]
    [InlineData(-3_600_000)]
    public void IssuedAtOutsideSixtySeconds_IsStale(long offsetMs)
    {
        SignedRequest request = Sign(Content(issuedAt: Now + offsetMs));
        Assert.Equal(DenialReason.StaleRequest, NewVerifier().Verify(request, CallerMachine.Id).Denial);
    }

    [Theory]
    [InlineData(-60_000)]
    [InlineData(60_000)]
    [InlineData(0)]
    public void IssuedAtWithinSixtySeconds_IsFresh(long offsetMs)
    {
        SignedRequest request = Sign(Content(issuedAt: Now + offsetMs));
        Assert.True(NewVerifier().Verify(request, CallerMachine.Id).IsVerified);
    }

    [Fact]
    public void IssuedAtBeyondTheSignedRange_IsStale()
    {
        ExecRequest content = Content() with { IssuedAtUnixMs = ulong.MaxValue };
        Assert.Equal(DenialReason.StaleRequest, NewVerifier().Verify(Sign(content), CallerMachine.Id).Denial);
    }

    [Fact]
    public void ClockSkew_IsConfigurable()
    {
        var verifier = NewVerifier(new RequestVerifierOptions { MaxClockSkew = TimeSpan.FromSeconds(5) });
        Assert.Equal(DenialReason.StaleRequest, verifier.Verify(Sign(Content(issuedAt: Now - 5_001)), CallerMachine.Id).Denial);
        Assert.True(verifier.Verify(Sign(Content(issuedAt: Now - 5_000)), CallerMachine.Id).IsVerified);
    }

    [Fact]
    public void SameRequestTwice_IsReplayed()
    {
        RequestVerifier verifier = NewVerifier();
        SignedRequest request = Sign(Content());
        Assert.True(verifier.Verify(request, CallerMachine.Id).IsVerified);
        Assert.Equal(DenialReason.ReplayedRequest, verifier.Verify(request, CallerMachine.Id).Denial);

        // Re-signing with the same id does not help either.
        SignedRequest resigned = Sign(request.Request with { TimeoutMs = 1 });
        Assert.Equal(DenialReason.ReplayedRequest, verifier.Verify(resigned, CallerMachine.Id).Denial);
    }

    [Fact]
    public void SameRequestIdFromAnotherAgent_IsNotAReplay()
    {
        RequestVerifier verifier = NewVerifier();
        using MachineKey otherMachine = MachineKey.Generate();
        SignedRequest first = Sign(Content());
        var otherSigner = new RequestSigner(OtherAgent, AgentBinding.Create(OtherAgent, otherMachine.Id));
        SignedRequest second = otherSigner.Sign(first.Request);

        Assert.True(verifier.Verify(first, CallerMachine.Id).IsVerified);
        RequestVerification result = verifier.Verify(second, otherMachine.Id);
        Assert.True(result.IsVerified);
        Assert.Equal(OtherAgent.Id, result.Agent);
    }

    [Fact]
    public void ReplayAfterTheWindow_IsStale_AndTheEntryIsForgotten()
    {
        RequestVerifier verifier = NewVerifier();
        SignedRequest request = Sign(Content());
        Assert.True(verifier.Verify(request, CallerMachine.Id).IsVerified);
        Assert.Equal(1, verifier.RememberedRequests);

        _clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(DenialReason.StaleRequest, verifier.Verify(request, CallerMachine.Id).Denial);
        Assert.True(verifier.Verify(Sign(Content(issuedAt: Now + 61_000)), CallerMachine.Id).IsVerified);
        Assert.Equal(1, verifier.RememberedRequests);
    }

    [Fact]
    public void ReplayAtTheLastFreshInstant_IsStillReplayed()
    {
        // The design accepts issued-at within ±60 s inclusive, so 60 000 ms after issue the request is still fresh
        // and its id must still be remembered; one millisecond later it is stale instead.
        RequestVerifier verifier = NewVerifier();
        SignedRequest request = Sign(Content());
        Assert.True(verifier.Verify(request, CallerMachine.Id).IsVerified);

        _clock.Advance(TimeSpan.FromMilliseconds(60_000));
        Assert.Equal(DenialReason.ReplayedRequest, verifier.Verify(request, CallerMachine.Id).Denial);

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(DenialReason.StaleRequest, verifier.Verify(request, CallerMachine.Id).Denial);
    }

    [Fact]
    public void RequestFromAPairOutsideTheAcl_IsNeitherRememberedNorCheckedForReplay()
    {
        RequestVerifier verifier = NewVerifier();
        SignedRequest request = Sign(Content());

        Assert.True(verifier.Verify(request, CallerMachine.Id, rememberId: false).IsVerified);
        Assert.Equal(0, verifier.RememberedRequests);
        Assert.True(verifier.Verify(request, CallerMachine.Id, rememberId: false).IsVerified);

        // Remembering it later still works, exactly once.
        Assert.True(verifier.Verify(request, CallerMachine.Id).IsVerified);
        Assert.Equal(DenialReason.ReplayedRequest, verifier.Verify(request, CallerMachine.Id).Denial);
    }

    [Fact]
    public void ChecksRunInTheDesignOrder()
    {
        RequestVerifier verifier = NewVerifier();

        // Wrong target and stale and unsigned: the signature decides first.
        SignedRequest everythingWrong = Sign(Content(issuedAt: Now - 600_000, target: CallerMachine.Id)) with
        {
            Signature = Flip(Sign(Content()).Signature, 0),
        };
        Assert.Equal(DenialReason.UnverifiedSender, verifier.Verify(everythingWrong, CallerMachine.Id).Denial);

        // Wrong target beats stale.
        SignedRequest staleElsewhere = Sign(Content(issuedAt: Now - 600_000, target: CallerMachine.Id));
        Assert.Equal(DenialReason.WrongTarget, verifier.Verify(staleElsewhere, CallerMachine.Id).Denial);

        // Stale beats replayed.
        SignedRequest request = Sign(Content(issuedAt: Now - 59_000));
        Assert.True(verifier.Verify(request, CallerMachine.Id).IsVerified);
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(DenialReason.StaleRequest, verifier.Verify(request, CallerMachine.Id).Denial);
    }

    [Fact]
    public void ConcurrentCopiesOfOneRequest_AreVerifiedExactlyOnce()
    {
        RequestVerifier verifier = NewVerifier();
        SignedRequest request = Sign(Content());
        RequestVerification[] results = new RequestVerification[16];
        Parallel.For(0, results.Length, i => results[i] = verifier.Verify(request, CallerMachine.Id));

        Assert.Single(results, r => r.IsVerified);
        Assert.All(results.Where(r => !r.IsVerified), r => Assert.Equal(DenialReason.ReplayedRequest, r.Denial));
    }

    [Fact]
    public void FullReplayCache_FailsClosed()
    {
        RequestVerifier verifier = NewVerifier(new RequestVerifierOptions { ReplayCacheCapacity = 2 });
        Assert.True(verifier.Verify(Sign(Content()), CallerMachine.Id).IsVerified);
        Assert.True(verifier.Verify(Sign(Content()), CallerMachine.Id).IsVerified);
        Assert.Equal(DenialReason.ReplayedRequest, verifier.Verify(Sign(Content()), CallerMachine.Id).Denial);

        // Once the remembered requests can no longer be fresh, room frees up.
        _clock.Advance(TimeSpan.FromSeconds(61));
        Assert.True(verifier.Verify(Sign(Content(issuedAt: Now + 61_000)), CallerMachine.Id).IsVerified);
    }

    private static byte[] Flip(ReadOnlyMemory<byte> bytes, int index)
    {
        byte[] copy = bytes.ToArray();
        copy[index] ^= 0x01;
        return copy;
    }
}
