using System.Text;
using System.Text.Json;
using Vigil.Scanning.Watch;

namespace Vigil.Scanning.Tests.Watch;

public sealed class WholeInputTests : IDisposable
{
    private readonly WatchFiles _files = new();

    [Fact]
    public void Scores_cover_every_data_row_numbered_from_zero_with_the_header_excluded()
    {
        string path = _files.PathOf("metrics.csv");
        File.WriteAllText(path, WatchFiles.Header + WatchFiles.Lines(0, 1000));
        using var output = new MemoryStream();
        using (var writer = new NdjsonWatchWriter(output, scores: true))
        {
            WatchRunner.RunOnce(new WatchRequest(path, WatchFiles.Settings(), null, false, false, null), writer, () => Stream.Null);
        }

        string[] lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1000, lines.Length);
        using JsonDocument spike = JsonDocument.Parse(lines[900]);
        Assert.Equal(["row", "series", "value", "score", "alert"], spike.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(900, spike.RootElement.GetProperty("row").GetInt64());
        Assert.Equal("value", spike.RootElement.GetProperty("series").GetString());
        Assert.True(spike.RootElement.GetProperty("alert").GetBoolean());
        Assert.InRange(spike.RootElement.GetProperty("score").GetDouble(), 0.0, 1.0);
    }

    [Fact]
    public void Alerts_carry_time_series_row_value_score_detector_reason_and_incident()
    {
        string path = _files.PathOf("metrics.csv");
        File.WriteAllText(path, WatchFiles.Header + WatchFiles.Lines(0, 2000));
        using var output = new MemoryStream();
        using (var writer = new NdjsonWatchWriter(output, scores: false))
        {
            WatchRunner.RunOnce(new WatchRequest(path, WatchFiles.Settings(scores: false), null, false, false, null), writer, () => Stream.Null);
        }

        JsonElement[] alerts = [.. Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];
        Assert.Equal(["ts", "series", "row", "value", "score", "detector", "reason", "incident"], alerts[0].EnumerateObject().Select(p => p.Name));
        JsonElement spike = Assert.Single(alerts, a => a.GetProperty("row").GetInt64() == 900);
        Assert.Equal("2024-01-01T15:00:00Z", spike.GetProperty("ts").GetString());
        Assert.Equal(60.0, spike.GetProperty("value").GetDouble());
        Assert.Matches("^(spike|range) p=", spike.GetProperty("reason").GetString());
        // The level shift at 1500 is one incident, reported at its onset.
        JsonElement shift = Assert.Single(alerts, a => a.GetProperty("row").GetInt64() is >= 1500 and < 1600);
        Assert.Equal(1500, shift.GetProperty("row").GetInt64());
        Assert.Equal(alerts.Select((_, i) => (long)(i + 1)), alerts.Select(a => a.GetProperty("incident").GetInt64()));
    }

    [Fact]
    public void By_keys_separate_series_each_with_its_own_detector()
    {
        string path = _files.PathOf("hosts.csv");
        var text = new StringBuilder("host,latency\n");
        for (int row = 0; row < 1000; row++)
        {
            // Host b sits at 100 throughout: were it pooled with host a (10), every row would look anomalous.
            text.Append(row % 2 == 0 ? "a," : "b,").Append(row % 2 == 0 ? WatchFiles.Value(row / 2) : 100.0 + WatchFiles.Value(row / 2) - 10.0).Append('\n');
        }

        File.WriteAllText(path, text.ToString());
        var sink = new CollectingSink();
        WatchRunner.RunOnce(new WatchRequest(path, new WatchSettings(["latency"], "host", true, new()), null, false, false, null), sink, () => Stream.Null);
        Assert.Equal(["a/latency", "b/latency"], sink.Events.Select(e => e.Series).Distinct().Order());
        Assert.Equal(500, sink.Events.Count(e => e.Series == "b/latency"));
        Assert.DoesNotContain(sink.Events, e => e.Score.Alert);
    }

    [Fact]
    public void An_unknown_metric_column_is_a_one_line_error_naming_it()
    {
        string path = _files.PathOf("metrics.csv");
        File.WriteAllText(path, WatchFiles.Header + WatchFiles.Lines(0, 10));
        var e = Assert.Throws<WatchInputException>(() =>
            WatchRunner.RunOnce(new WatchRequest(path, new WatchSettings(["nope"], null, true, new()), null, false, false, null), new CollectingSink(), () => Stream.Null));
        Assert.Contains("'nope'", e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _files.Dispose();
}
