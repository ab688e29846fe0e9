namespace Vigil.Exec.Sessions;

/// <summary>
/// Receives one entry per answered request (its decision and, for a command that ran, how it ended): the daemon
/// turns it into a journal line. Implementations must be cheap and must not throw.
/// </summary>
public interface IExecJournal
{
    void Record(in ExecJournalEntry entry);
}
