using System.Text.Json;

namespace Vigil.Cli.Tests;

/// <summary>The format and the (detector, handle) pairs of a scan envelope on a run's stdout, in row order.</summary>
internal static class EnvelopeFindings
{
    public static (string Format, List<(string Detector, string Handle)> Handles) Read(CliRun run)
    {
        using JsonDocument doc = JsonDocument.Parse(run.StdoutBytes);
        JsonElement root = doc.RootElement;
        string[] dict = root.GetProperty("dict").EnumerateArray().Select(e => e.GetString()!).ToArray();
        string[] columns = root.GetProperty("columns").EnumerateArray().Select(e => e.GetString()!).ToArray();
        int detector = Array.IndexOf(columns, "detector");
        int handle = Array.IndexOf(columns, "handle");
        var handles = root.GetProperty("rows").EnumerateArray()
            .Select(r => (dict[r[detector].GetInt32()], dict[r[handle].GetInt32()]))
            .ToList();
        return (root.GetProperty("format").GetString()!, handles);
    }
}
