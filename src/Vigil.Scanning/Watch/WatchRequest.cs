namespace Vigil.Scanning.Watch;

/// <summary>One <c>vigil watch</c> invocation.</summary>
/// <param name="Source">A path, or <c>-</c> for stdin.</param>
/// <param name="Settings">Series selection, output shape, detector parameters.</param>
/// <param name="Format">A forced input format id, or null to resolve it as <c>scan</c> does.</param>
/// <param name="Follow">Keep reading what is appended (and survive rotation) instead of stopping at EOF.</param>
/// <param name="FromStart">When following without a checkpoint, read the existing content first.</param>
/// <param name="Checkpoint">State file to resume from and save to, or null.</param>
internal sealed record WatchRequest(string Source, WatchSettings Settings, string? Format, bool Follow, bool FromStart, string? Checkpoint);
