using Vigil.Exec.Identity;

namespace Vigil.Exec.Sessions;

/// <summary>A running session as listed by <c>Sessions</c> (reference x0x §9.3 <c>active_servers</c>).</summary>
public sealed record SessionInfo(RequestId RequestId, AgentId AgentId, MachineId MachineId, string ArgvSummary, long AgeMs, int Pid);
