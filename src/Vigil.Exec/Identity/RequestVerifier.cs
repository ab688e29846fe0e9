namespace Vigil.Exec.Identity;

/// <summary>
/// Decides whether a signed request really comes from the agent it names, on the machine the TLS handshake
/// proved, for this daemon, now, and for the first time. Runs before any ACL lookup. Thread-safe.
/// </summary>
public sealed class RequestVerifier
{
    private readonly MachineId _self;
    private readonly TimeProvider _time;
    private readonly long _maxSkewMs;
    private readonly ReplayCache _replays;

    public RequestVerifier(MachineId self, TimeProvider time, RequestVerifierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        options ??= new RequestVerifierOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxClockSkew, TimeSpan.Zero);
        _self = self;
        _time = time;
        _maxSkewMs = (long)options.MaxClockSkew.TotalMilliseconds;
        _replays = new ReplayCache(options.ReplayCacheCapacity);
    }

    /// <summary>Pairs currently remembered for replay detection.</summary>
    internal int RememberedRequests => _replays.Count;

    /// <summary>
    /// Checks, in this order: signer identity (key matches the claimed AgentId, binding matches
    /// <paramref name="tlsCaller"/>, signature valid) → unverified_sender; target is this daemon → wrong_target;
    /// issued-at within the allowed skew → stale_request; request id not seen from this agent → replayed_request.
    /// </summary>
    /// <param name="request">The request as received.</param>
    /// <param name="tlsCaller">The MachineId proven by the caller's TLS client certificate.</param>
    /// <param name="rememberId">False when the caller knows the request can never be allowed (its pair is not in
    /// the ACL): its id is then not checked or remembered, so strangers cannot fill the replay cache, which fails
    /// closed for everyone when full.</param>
    public RequestVerification Verify(SignedRequest request, MachineId tlsCaller, bool rememberId = true)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsAuthentic(request, tlsCaller))
        {
            return RequestVerification.Denied(DenialReason.UnverifiedSender);
        }

        ExecRequest content = request.Request;
        if (content.Target != _self)
        {
            return RequestVerification.Denied(DenialReason.WrongTarget);
        }

        long now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        Int128 skew = (Int128)content.IssuedAtUnixMs - now;
        if (skew > _maxSkewMs || skew < -_maxSkewMs)
        {
            return RequestVerification.Denied(DenialReason.StaleRequest);
        }

        // Within the skew check issued-at fits a long; the request stops being fresh after issued-at + skew.
        long freshUntil = (long)content.IssuedAtUnixMs + _maxSkewMs;
        if (rememberId && _replays.TryRecord(request.ClaimedAgentId, content.RequestId, freshUntil, now) != ReplayCheck.Fresh)
        {
            return RequestVerification.Denied(DenialReason.ReplayedRequest);
        }

        return RequestVerification.Verified(request.ClaimedAgentId);
    }

    private static bool IsAuthentic(SignedRequest request, MachineId tlsCaller)
    {
        ReadOnlySpan<byte> publicKey = request.AgentPublicKey.Span;
        if (publicKey.Length != AgentKey.PublicKeyLength
            || AgentId.FromPublicKey(publicKey) != request.ClaimedAgentId
            || !AgentBinding.Verify(publicKey, tlsCaller, request.Binding.Span))
        {
            return false;
        }

        byte[] canonical;
        try
        {
            canonical = CanonicalRequest.Encode(request.Request);
        }
        catch (ArgumentException)
        {
            return false;
        }

        return AgentKey.Verify(publicKey, canonical, request.Signature.Span);
    }
}
