namespace Vigil.Exec.Runner;

/// <summary>A non-terminal event of a running session, in the order it happened.</summary>
public abstract record RunEvent;

/// <summary>The child was spawned.</summary>
public sealed record RunStarted(int Pid) : RunEvent;

/// <summary>A forwarded output chunk; <see cref="Seq"/> counts chunks per stream from 0.</summary>
public sealed record RunOutput(OutputStream Stream, uint Seq, byte[] Data) : RunEvent;

/// <summary>A warning; <see cref="Bytes"/> is the running total for byte thresholds and caps, null otherwise.</summary>
public sealed record RunWarning(WarningKind Kind, string Message, long? Bytes) : RunEvent;
