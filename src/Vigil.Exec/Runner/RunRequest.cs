namespace Vigil.Exec.Runner;

/// <summary>What to run. <see cref="Argv"/> has been matched by the policy; nothing here goes through a shell.</summary>
public sealed record RunRequest(
    IReadOnlyList<string> Argv,
    ReadOnlyMemory<byte> Stdin,
    string? Cwd,
    string? ExpectedSha256,
    RunLimits Limits);
