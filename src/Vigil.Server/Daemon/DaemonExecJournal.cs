using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Vigil.Exec.Sessions;

namespace Vigil.Server.Daemon;

/// <summary>
/// One journal line per answered request (event 1100): agent, machine, argv0, decision, exit code or signal and
/// duration. Argument values past argv0 can hold secrets, so they are written (event 1101) only with <c>--log-argv</c>.
/// </summary>
internal sealed class DaemonExecJournal(ILogger log, bool logArgv) : IExecJournal
{
    public void Record(in ExecJournalEntry entry)
    {
        SessionExit exit = entry.Exit;
        string requestId = exit.RequestId.ToString();
        DaemonLog.ExecRequest(
            log,
            requestId,
            entry.Agent.ToString(),
            entry.Machine.ToString(),
            entry.Argv0,
            entry.Decision,
            exit.Code?.ToString(CultureInfo.InvariantCulture) ?? "-",
            exit.Signal?.ToString(CultureInfo.InvariantCulture) ?? "-",
            exit.DurationMs);
        if (logArgv)
        {
            DaemonLog.ExecRequestArgv(log, requestId, Quote(entry.Argv));
        }
    }

    // A JSON array keeps word boundaries visible (no shell ever splits them) and escapes control characters.
    private static string Quote(IReadOnlyList<string> argv)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (string word in argv)
            {
                writer.WriteStringValue(word);
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
