namespace Vigil.Exec.Policy;

/// <summary>
/// What the policy needs to know about a request that has already passed signature, binding, target and replay
/// checks. Stdin is given by length only: the policy never sees the bytes.
/// </summary>
/// <param name="Argv">The request argv, unmodified.</param>
/// <param name="StdinLength">Bytes of stdin (0 when absent).</param>
/// <param name="TimeoutMs">Requested timeout; rounded up to whole seconds and compared with the ceiling, never clamped.</param>
/// <param name="CwdPresent">Whether the request named a working directory (any value, even empty, is refused).</param>
public readonly record struct PolicyRequest(IReadOnlyList<string> Argv, long StdinLength, uint TimeoutMs, bool CwdPresent);
