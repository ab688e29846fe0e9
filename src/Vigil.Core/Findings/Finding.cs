using Vigil.Core.Columns;
using Vigil.Core.Handles;

namespace Vigil.Core.Findings;

/// <summary>
/// One detected anomaly. Construct with <see cref="Create(string, AnomalyClass, Handle, double, double, string, ColumnType?)"/>,
/// which clamps the confidence to [0,1] and derives the severity from it. The reason may be given as a formatter,
/// run on first read: detectors emit far more candidates than <c>--top</c> keeps, and only shown ones need text.
/// </summary>
public sealed record Finding
{
    private readonly Func<string>? _formatReason;
    private string? _reason;

    private Finding(string detector, AnomalyClass @class, Handle handle, double confidence, double score, string? reason, Func<string>? formatReason, ColumnType? colType)
    {
        Detector = detector;
        Class = @class;
        Handle = handle;
        Confidence = confidence;
        Severity = Severities.FromConfidence(confidence);
        Score = score;
        _reason = reason;
        _formatReason = formatReason;
        ColType = colType;
    }

    public string Detector { get; }

    public AnomalyClass Class { get; }

    public Handle Handle { get; }

    public double Confidence { get; }

    public Severity Severity { get; }

    /// <summary>The detector's raw statistic.</summary>
    public double Score { get; }

    // Racing first reads format the same text twice; either result may win.
    public string Reason => _reason ??= _formatReason!();

    /// <summary>Only point.modz and struct.schema findings carry it.</summary>
    public ColumnType? ColType { get; }

    public static Finding Create(string detector, AnomalyClass @class, Handle handle, double confidence, double score, string reason, ColumnType? colType = null) =>
        new(detector, @class, handle, Clamp(confidence), score, reason, null, colType);

    /// <summary>As the other overload, with the reason formatted only if it is ever read.</summary>
    public static Finding Create(string detector, AnomalyClass @class, Handle handle, double confidence, double score, Func<string> reason, ColumnType? colType = null) =>
        new(detector, @class, handle, Clamp(confidence), score, null, reason, colType);

    public bool Equals(Finding? other) =>
        other is not null
        && Detector == other.Detector
        && Class == other.Class
        && Handle.Equals(other.Handle)
        && Confidence.Equals(other.Confidence)
        && Score.Equals(other.Score)
        && ColType == other.ColType
        && Reason == other.Reason;

    public override int GetHashCode() => HashCode.Combine(Detector, Class, Handle, Confidence, Score, ColType, Reason);

    // NaN compares false everywhere; treat it as no confidence rather than letting it through the clamp.
    private static double Clamp(double confidence) => double.IsNaN(confidence) ? 0.0 : Math.Clamp(confidence, 0.0, 1.0);
}
