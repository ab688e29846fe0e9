using Vigil.Core.Columns;
using Vigil.Core.Roles;

namespace Vigil.Scanning.Watch;

/// <summary>
/// Which columns of a parsed batch are series, which keys them, and which carries the time: decided from the first
/// batch and then held, so every later batch (same format, same header) maps the same way.
/// </summary>
internal sealed class SeriesLayout
{
    private static readonly string[] TimeNames = ["timestamp", "ts", "time", "datetime", "date", "@timestamp"];

    private SeriesLayout(IReadOnlyList<string> metrics, string? by, string? time)
    {
        Metrics = metrics;
        By = by;
        Time = time;
    }

    public IReadOnlyList<string> Metrics { get; }

    public string? By { get; }

    public string? Time { get; }

    /// <summary>Resolves the layout against a batch; a named column that does not exist is a <see cref="WatchInputException"/>.</summary>
    public static SeriesLayout Resolve(RecordSet batch, WatchSettings settings)
    {
        foreach (string name in settings.Metrics.Append(settings.By).OfType<string>())
        {
            if (batch.Find(name) is null)
            {
                throw new WatchInputException($"{batch.Source}: no such column '{name}'");
            }
        }

        string? time = batch.Columns.FirstOrDefault(c => TimeNames.Contains(c.Name.ToLowerInvariant()))?.Name;
        IReadOnlyList<string> metrics = settings.Metrics.Count > 0
            ? settings.Metrics
            : batch.Columns
                .Where(c => IsMostlyNumeric(c) && c.Name != settings.By && c.Name != time && IsMeasurement(c))
                .Select(c => c.Name)
                .ToArray();
        return new SeriesLayout(metrics, settings.By, time);
    }

    // A stray word in a numeric column makes it Mixed; it is still a series (the word is a bad record).
    private static bool IsMostlyNumeric(Column c)
    {
        if (c.Type.IsNumeric())
        {
            return true;
        }

        if (c.Type != ColumnType.Mixed)
        {
            return false;
        }

        int numeric = 0;
        for (int row = 0; row < c.Length; row++)
        {
            if (c.TryGetDouble(row, out _))
            {
                numeric++;
            }
        }

        return numeric * 2 > c.Length - c.NullCount;
    }

    // Identifiers and sequences (ids, counters, epoch timestamps) are not behaviour; a constant column in the first
    // batch may well move later, so it stays a series.
    // (The classifier calls any non-numeric column categorical, so a Mixed one is judged as numeric already.)
    private static bool IsMeasurement(Column c) =>
        c.Type == ColumnType.Mixed || RoleClassifier.Classify(c) is ColumnRole.Measurement or ColumnRole.Constant;
}
