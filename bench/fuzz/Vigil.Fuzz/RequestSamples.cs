using Google.Protobuf;
using Vigil.Exec.Audit;
using Vigil.Exec.Identity;
using Vigil.Client.Contract;

namespace Vigil.Fuzz;

/// <summary>Valid, signed seeds for the request decoders and a valid chained log for audit verify.</summary>
internal static class RequestSamples
{
    private static readonly Lazy<SignedRequest> Signed = new(() =>
    {
        using MachineKey machine = MachineKey.Generate();
        AgentKey agent = AgentKey.Generate();
        var signer = new RequestSigner(agent, AgentBinding.Create(agent, machine.Id));
        return signer.Sign(new ExecRequest(machine.Id, RequestId.NewRandom(), 1_767_225_600_000, 5000, ["echo", "1"], "hi"u8.ToArray(), false));
    });

    public static byte[] Json() => System.Text.Encoding.UTF8.GetBytes(RestJson.WriteRun(Signed.Value));

    public static byte[] Proto() => new Vigil.Client.Protos.ClientFrame { Request = ProtoMapping.FromSignedRequest(Signed.Value) }.ToByteArray();

    public static byte[] AuditLog()
    {
        string path = Path.Combine(Path.GetTempPath(), "vigil-fuzz-seed-" + Environment.ProcessId + ".log");
        try
        {
            var time = TimeProvider.System;
            var log = new Vigil.Exec.Audit.AuditLog(path, time);
            var id = new RequestId(1, 2);
            AgentId agent = AgentId.Parse(new string('a', 64));
            MachineId machine = MachineId.Parse(new string('b', 64));
            log.AppendAsync(new AuditRequestEvent(id, agent, machine, ["echo", "1"], "alice", 0, 5000)).AsTask().GetAwaiter().GetResult();
            log.AppendAsync(new AuditStartedEvent(id, 42)).AsTask().GetAwaiter().GetResult();
            log.AppendAsync(new AuditExitEvent(id, 0, null, 3, 2, 0, false)).AsTask().GetAwaiter().GetResult();
            log.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
            File.Delete(path + ".lock");
        }
    }
}
