using System.Text.Json;
using Vigil.Exec.Sessions;

namespace Vigil.Client.Contract;

/// <summary>
/// The session list document, <c>{"ok":true,"active_servers":[…]}</c> (reference §8 shape), the same whether it
/// comes from the admin socket or a remote <c>Sessions</c> call.
/// </summary>
public static class SessionsJson
{
    public static string Write(IReadOnlyList<SessionInfo> sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteBoolean("ok", true);
            w.WriteStartArray("active_servers");
            foreach (SessionInfo s in sessions)
            {
                w.WriteStartObject();
                w.WriteString("request_id", s.RequestId.ToString());
                w.WriteString("agent_id", s.AgentId.ToString());
                w.WriteString("machine_id", s.MachineId.ToString());
                w.WriteString("argv_summary", s.ArgvSummary);
                w.WriteNumber("age_ms", s.AgeMs);
                w.WriteNumber("pid", s.Pid);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
