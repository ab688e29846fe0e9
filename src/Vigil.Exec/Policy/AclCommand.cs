namespace Vigil.Exec.Policy;

/// <summary>One <c>[[exec.allow.commands]]</c> entry: the argv pattern and, optionally, the executable's pinned digest.</summary>
/// <param name="Argv">Parsed tokens; empty only in a disabled policy (which never matches).</param>
/// <param name="Sha256">Lowercase hex SHA-256 the resolved executable must have at spawn time, or null.</param>
internal sealed record AclCommand(IReadOnlyList<ArgvToken> Argv, string? Sha256);
