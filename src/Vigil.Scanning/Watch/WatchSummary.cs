namespace Vigil.Scanning.Watch;

/// <summary>What a watch did: rows scored, alerts raised, records it could not read (and where the first was).</summary>
internal readonly record struct WatchSummary(long Rows, long Alerts, long BadRecords, string? FirstBadRecord);
