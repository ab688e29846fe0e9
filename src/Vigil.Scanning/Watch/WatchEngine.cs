using Vigil.Core.Columns;
using Vigil.Detection.Streaming;

namespace Vigil.Scanning.Watch;

/// <summary>
/// The watch loop's core: parsed batches in, one <see cref="CausalDetector"/> per series (metric column × key), scored
/// rows out to a sink in input order. Holds no input handles, so the same engine serves a whole file, stdin and a
/// followed file, and its state is what a checkpoint saves.
/// </summary>
internal sealed class WatchEngine
{
    private readonly WatchSettings _settings;
    private readonly BadRecordTally _bad;
    private readonly SortedDictionary<string, CausalDetector> _detectors = new(StringComparer.Ordinal);
    private SeriesLayout? _layout;

    public WatchEngine(WatchSettings settings, BadRecordTally bad)
    {
        _settings = settings;
        _bad = bad;
    }

    /// <summary>Data rows processed so far; the next row's number.</summary>
    public long Rows { get; private set; }

    /// <summary>Alerts raised so far.</summary>
    public long Alerts { get; private set; }

    public IReadOnlyDictionary<string, CausalDetector> Detectors => _detectors;

    /// <summary>Scores every row of <paramref name="batch"/> and learns it.</summary>
    public void Process(RecordSet batch, IWatchSink sink)
    {
        if (batch.Columns.Count == 0 || batch.Rows == 0)
        {
            return;
        }

        _layout ??= SeriesLayout.Resolve(batch, _settings);
        Column? time = _layout.Time is null ? null : batch.Find(_layout.Time);
        Column? by = _layout.By is null ? null : batch.Find(_layout.By);
        var metrics = new (string Name, Column? Column)[_layout.Metrics.Count];
        for (int m = 0; m < metrics.Length; m++)
        {
            metrics[m] = (_layout.Metrics[m], batch.Find(_layout.Metrics[m]));
        }

        for (int row = 0; row < batch.Rows; row++)
        {
            string? ts = time is null || time.IsNull(row) ? null : Render(time[row]);
            string? key = by is null ? null : (by.IsNull(row) ? "" : Render(by[row]));
            bool any = false;
            foreach ((string name, Column? column) in metrics)
            {
                if (column is null || !column.TryGetDouble(row, out double value) || !double.IsFinite(value))
                {
                    continue;
                }

                string series = key is null ? name : key + "/" + name;
                if (!_detectors.TryGetValue(series, out CausalDetector? detector))
                {
                    detector = new CausalDetector(_settings.Detector);
                    _detectors.Add(series, detector);
                }

                any = true;
                StreamingScore score = detector.Step(value);
                if (score.Alert)
                {
                    Alerts++;
                }

                sink.Accept(new WatchEvent(Rows, ts, series, value, score));
            }

            if (!any && metrics.Length > 0)
            {
                // A record with no readable measurement (a truncated line, a word where a number belongs).
                _bad.Add($"{batch.Source}: row {Rows}: no numeric value for {string.Join(", ", _layout.Metrics)}");
            }

            Rows++;
        }

        sink.Flush();
    }

    /// <summary>Restores a detector saved in a checkpoint.</summary>
    public void Restore(string series, CausalDetector detector) => _detectors[series] = detector;

    /// <summary>Continues row numbering after a checkpoint.</summary>
    public void ResumeAt(long rows, long alerts)
    {
        Rows = rows;
        Alerts = alerts;
    }

    private static string Render(Core.Values.Value v) => v.ToString();
}
