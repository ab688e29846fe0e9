namespace Vigil.Server.Rpc;

/// <summary>Deadlines of a Run stream before it is authenticated by its signed request.</summary>
/// <param name="FirstFrame">How long the signed request may take to arrive once the stream is open.</param>
internal sealed record RunDeadlines(TimeSpan FirstFrame);
