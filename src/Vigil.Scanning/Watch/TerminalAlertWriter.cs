using System.Globalization;

namespace Vigil.Scanning.Watch;

/// <summary>One readable line per alert, for a person at a terminal.</summary>
internal sealed class TerminalAlertWriter : IWatchSink
{
    private readonly TextWriter _out;

    public TerminalAlertWriter(TextWriter output)
    {
        _out = output;
    }

    public void Accept(in WatchEvent e)
    {
        if (!e.Score.Alert)
        {
            return;
        }

        _out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"ALERT #{e.Score.Incident} {e.Timestamp ?? "-"} {e.Series} row {e.Row}: value {e.Value:R}, score {e.Score.Score:0.000} ({NdjsonWatchWriter.Reason(e.Score)})"));
    }

    public void Flush() => _out.Flush();
}
