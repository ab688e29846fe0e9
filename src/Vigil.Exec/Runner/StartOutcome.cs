namespace Vigil.Exec.Runner;

/// <summary>Either a started run or the reason it could not start.</summary>
public readonly record struct StartOutcome(CommandRun? Run, DenialReason? Denial, string? Detail);
