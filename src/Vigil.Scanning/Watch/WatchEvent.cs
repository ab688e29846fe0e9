using Vigil.Detection.Streaming;

namespace Vigil.Scanning.Watch;

/// <summary>One scored value of one series: <paramref name="Row"/> counts data rows from 0 (header excluded).</summary>
internal readonly record struct WatchEvent(long Row, string? Timestamp, string Series, double Value, StreamingScore Score);
