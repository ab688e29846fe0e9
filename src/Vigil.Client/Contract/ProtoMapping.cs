using Google.Protobuf;
using Vigil.Exec;
using Vigil.Exec.Identity;
using Vigil.Exec.Runner;
using Vigil.Exec.Sessions;
using Wire = Vigil.Client.Protos;

namespace Vigil.Client.Contract;

/// <summary>Conversions between the wire messages of exec.proto and the exec library's types.</summary>
internal static class ProtoMapping
{
    /// <summary>Reads a request off the wire; <see cref="FormatException"/> for wrong id lengths or an argv over <see cref="RequestLimits"/>.</summary>
    public static SignedRequest ToSignedRequest(Wire.SignedRequest p)
    {
        string[] argv = [.. p.Argv];
        RequestLimits.CheckArgv(argv);
        var request = new ExecRequest(
            MachineId.FromBytes(Exact(p.TargetMachineId, 32, "target_machine_id")),
            RequestId.FromBytes(Exact(p.RequestId, RequestId.ByteLength, "request_id")),
            p.IssuedAtUnixMs,
            p.TimeoutMs,
            argv,
            p.Stdin.ToByteArray(),
            p.CwdPresent);
        return new SignedRequest(
            request,
            p.AgentPublicKey.ToByteArray(),
            p.Binding.ToByteArray(),
            AgentId.FromBytes(Exact(p.ClaimedAgentId, 32, "claimed_agent_id")),
            p.Signature.ToByteArray());
    }

    public static Wire.SignedRequest FromSignedRequest(SignedRequest s)
    {
        var p = new Wire.SignedRequest
        {
            TargetMachineId = ByteString.CopyFrom(s.Request.Target.ToBytes()),
            RequestId = ByteString.CopyFrom(s.Request.RequestId.ToBytes()),
            IssuedAtUnixMs = s.Request.IssuedAtUnixMs,
            TimeoutMs = s.Request.TimeoutMs,
            Stdin = ByteString.CopyFrom(s.Request.Stdin.Span),
            CwdPresent = s.Request.CwdPresent,
            AgentPublicKey = ByteString.CopyFrom(s.AgentPublicKey.Span),
            Binding = ByteString.CopyFrom(s.Binding.Span),
            ClaimedAgentId = ByteString.CopyFrom(s.ClaimedAgentId.ToBytes()),
            Signature = ByteString.CopyFrom(s.Signature.Span),
        };
        p.Argv.AddRange(s.Request.Argv);
        return p;
    }

    public static ControlProof ToControlProof(Wire.SignedCancel p) => new(
        ControlVerb.Cancel,
        MachineId.FromBytes(Exact(p.TargetMachineId, 32, "target_machine_id")),
        RequestId.FromBytes(Exact(p.RequestId, RequestId.ByteLength, "request_id")),
        p.IssuedAtUnixMs,
        p.AgentPublicKey.ToByteArray(),
        p.Binding.ToByteArray(),
        p.Signature.ToByteArray());

    public static ControlProof ToControlProof(Wire.SignedQuery p, ControlVerb verb) => new(
        verb,
        MachineId.FromBytes(Exact(p.TargetMachineId, 32, "target_machine_id")),
        default,
        p.IssuedAtUnixMs,
        p.AgentPublicKey.ToByteArray(),
        p.Binding.ToByteArray(),
        p.Signature.ToByteArray());

    public static Wire.SignedCancel FromCancelProof(ControlProof c) => new()
    {
        TargetMachineId = ByteString.CopyFrom(c.Target.ToBytes()),
        RequestId = ByteString.CopyFrom(c.RequestId.ToBytes()),
        IssuedAtUnixMs = c.IssuedAtUnixMs,
        AgentPublicKey = ByteString.CopyFrom(c.AgentPublicKey.Span),
        Binding = ByteString.CopyFrom(c.Binding.Span),
        Signature = ByteString.CopyFrom(c.Signature.Span),
    };

    public static Wire.SignedQuery FromQueryProof(ControlProof c) => new()
    {
        TargetMachineId = ByteString.CopyFrom(c.Target.ToBytes()),
        IssuedAtUnixMs = c.IssuedAtUnixMs,
        AgentPublicKey = ByteString.CopyFrom(c.AgentPublicKey.Span),
        Binding = ByteString.CopyFrom(c.Binding.Span),
        Signature = ByteString.CopyFrom(c.Signature.Span),
    };

    public static Wire.ServerFrame ToFrame(RunEvent e, RequestId requestId) => e switch
    {
        RunStarted s => new Wire.ServerFrame { Started = new Wire.Started { Pid = (uint)s.Pid, RequestId = ByteString.CopyFrom(requestId.ToBytes()) } },
        RunOutput o => new Wire.ServerFrame
        {
            Output = new Wire.Output
            {
                Stream = o.Stream == OutputStream.Stdout ? Wire.Stream.Stdout : Wire.Stream.Stderr,
                Seq = o.Seq,
                Data = UnsafeByteOperations.UnsafeWrap(o.Data),
            },
        },
        RunWarning w => new Wire.ServerFrame { Warning = ToWarning(w) },
        _ => throw new ArgumentOutOfRangeException(nameof(e), e, "unknown run event"),
    };

    public static Wire.ServerFrame ToFrame(SessionExit x)
    {
        var exit = new Wire.Exit
        {
            DurationMs = (ulong)x.DurationMs,
            StdoutBytesTotal = (ulong)x.StdoutBytesTotal,
            StderrBytesTotal = (ulong)x.StderrBytesTotal,
            Truncated = x.Truncated,
            DenialReason = x.Denial?.ToToken() ?? string.Empty,
            StdoutTail = ByteString.CopyFrom(x.StdoutTail),
            StderrTail = ByteString.CopyFrom(x.StderrTail),
            RequestId = ByteString.CopyFrom(x.RequestId.ToBytes()),
        };
        if (x.Code is int code)
        {
            exit.Code = code;
        }

        if (x.Signal is int signal)
        {
            exit.Signal = signal;
        }

        return new Wire.ServerFrame { Exit = exit };
    }

    public static SessionExit FromExit(Wire.Exit e, RequestId fallbackId)
    {
        DenialReason? denial = null;
        if (e.DenialReason.Length > 0)
        {
            denial = DenialReasons.TryParse(e.DenialReason, out DenialReason r)
                ? r
                : throw new FormatException("unknown denial reason '" + e.DenialReason + "'");
        }

        RequestId id = e.RequestId.Length == RequestId.ByteLength ? RequestId.FromBytes(e.RequestId.Span) : fallbackId;
        return new SessionExit(
            id,
            e.HasCode ? e.Code : null,
            e.HasSignal ? e.Signal : null,
            (long)e.DurationMs,
            (long)e.StdoutBytesTotal,
            (long)e.StderrBytesTotal,
            e.Truncated,
            denial,
            e.StdoutTail.ToByteArray(),
            e.StderrTail.ToByteArray());
    }

    private static Wire.Warning ToWarning(RunWarning w)
    {
        var warning = new Wire.Warning { Kind = w.Kind.ToToken(), Message = w.Message };
        if (w.Bytes is long bytes)
        {
            warning.Bytes = (ulong)bytes;
        }

        return warning;
    }

    private static ReadOnlySpan<byte> Exact(ByteString value, int length, string field) =>
        value.Length == length
            ? value.Span
            : throw new FormatException(field + " must be " + length.ToString(System.Globalization.CultureInfo.InvariantCulture) + " bytes");
}
