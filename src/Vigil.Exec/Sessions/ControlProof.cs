using System.Buffers.Binary;
using Vigil.Exec.Identity;

namespace Vigil.Exec.Sessions;

/// <summary>
/// The agent's proof on the small control calls (Cancel, Sessions, Diagnostics): an ML-DSA signature over
/// <c>"vigil-exec-control-v1\0"</c> ‖ verb ‖ target MachineId (32) ‖ request id (16, zero for queries) ‖
/// issued-at ms (u64 LE), plus the agent key and its binding to the caller's TLS MachineId.
/// </summary>
public sealed record ControlProof(
    ControlVerb Verb,
    MachineId Target,
    RequestId RequestId,
    ulong IssuedAtUnixMs,
    ReadOnlyMemory<byte> AgentPublicKey,
    ReadOnlyMemory<byte> Binding,
    ReadOnlyMemory<byte> Signature)
{
    private static ReadOnlySpan<byte> Domain => "vigil-exec-control-v1\0"u8;

    public static byte[] Encode(ControlVerb verb, MachineId target, RequestId requestId, ulong issuedAtUnixMs)
    {
        byte[] buffer = new byte[Domain.Length + 1 + 32 + RequestId.ByteLength + 8];
        Span<byte> span = buffer;
        Domain.CopyTo(span);
        int at = Domain.Length;
        span[at++] = (byte)verb;
        target.CopyTo(span[at..]);
        at += 32;
        requestId.CopyTo(span[at..]);
        at += RequestId.ByteLength;
        BinaryPrimitives.WriteUInt64LittleEndian(span[at..], issuedAtUnixMs);
        return buffer;
    }

    /// <summary>Signs a control call with <paramref name="agent"/>, attaching its machine binding.</summary>
    public static ControlProof Create(AgentKey agent, ReadOnlyMemory<byte> binding, ControlVerb verb, MachineId target, RequestId requestId, ulong issuedAtUnixMs)
    {
        ArgumentNullException.ThrowIfNull(agent);
        byte[] signature = agent.Sign(Encode(verb, target, requestId, issuedAtUnixMs));
        return new ControlProof(verb, target, requestId, issuedAtUnixMs, agent.PublicKey, binding, signature);
    }

    /// <summary>
    /// The proven agent, or null when the key, binding (to <paramref name="tlsCaller"/>), signature, target or
    /// freshness (±<paramref name="maxSkew"/>) does not check out.
    /// </summary>
    public AgentId? Verify(MachineId self, MachineId tlsCaller, long nowUnixMs, TimeSpan maxSkew)
    {
        ReadOnlySpan<byte> key = AgentPublicKey.Span;
        if (Target != self || key.Length != AgentKey.PublicKeyLength || !AgentBinding.Verify(key, tlsCaller, Binding.Span))
        {
            return null;
        }

        Int128 skew = (Int128)IssuedAtUnixMs - nowUnixMs;
        if (skew > (long)maxSkew.TotalMilliseconds || skew < -(long)maxSkew.TotalMilliseconds)
        {
            return null;
        }

        return AgentKey.Verify(key, Encode(Verb, Target, RequestId, IssuedAtUnixMs), Signature.Span)
            ? AgentId.FromPublicKey(key)
            : null;
    }
}
