namespace Vigil.Exec.Identity;

/// <summary>
/// What a caller asks a daemon to run: every field the agent signs (see <see cref="CanonicalRequest"/>).
/// </summary>
/// <param name="Target">The daemon's MachineId; a request for another host is refused.</param>
/// <param name="RequestId">16 random bytes, unique per agent within the replay window.</param>
/// <param name="IssuedAtUnixMs">When the caller signed it (ms since the Unix epoch).</param>
/// <param name="TimeoutMs">The requested time limit.</param>
/// <param name="Argv">The command line; argv[0] is resolved by the daemon, never by a shell.</param>
/// <param name="Stdin">Bytes fed to the command's standard input (only their SHA-256 is signed).</param>
/// <param name="CwdPresent">Whether the caller asked for a working directory (always denied; signed so it cannot be stripped or added).</param>
public sealed record ExecRequest(
    MachineId Target,
    RequestId RequestId,
    ulong IssuedAtUnixMs,
    uint TimeoutMs,
    IReadOnlyList<string> Argv,
    ReadOnlyMemory<byte> Stdin,
    bool CwdPresent);
