using Vigil.Exec.Identity;

namespace Vigil.Exec.Sessions;

/// <summary>
/// What the journal says of one request: who asked (agent, TLS machine), what (argv0; the full argv travels along but
/// is only written when the operator opted in with <c>--log-argv</c>), the decision, and the exit.
/// </summary>
public readonly record struct ExecJournalEntry(AgentId Agent, MachineId Machine, IReadOnlyList<string> Argv, SessionExit Exit)
{
    /// <summary>The program asked for, or empty for an empty argv.</summary>
    public string Argv0 => Argv.Count > 0 ? Argv[0] : string.Empty;

    /// <summary><c>allowed</c>, or <c>denied:REASON</c> with the wire token of the denial.</summary>
    public string Decision => Exit.Denial is DenialReason reason ? "denied:" + reason.ToToken() : "allowed";
}
