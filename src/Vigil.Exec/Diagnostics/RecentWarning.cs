using Vigil.Exec.Identity;

namespace Vigil.Exec.Diagnostics;

/// <summary>One entry of the recent-warnings ring (reference §8.1).</summary>
public sealed record RecentWarning(
    long TsUnixMs,
    WarningKind Kind,
    AgentId AgentId,
    RequestId RequestId,
    string ArgvSummary,
    long? BytesAtWarn);
