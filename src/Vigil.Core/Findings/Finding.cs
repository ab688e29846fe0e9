using Vigil.Core.Columns;
using Vigil.Core.Handles;

namespace Vigil.Core.Findings;

/// <summary>
/// One detected anomaly. Construct with <see cref="Create"/>, which clamps the confidence to [0,1] and derives
/// the severity from it.
/// </summary>
public sealed record Finding
{
    private Finding(string detector, AnomalyClass @class, Handle handle, double confidence, double score, string reason, ColumnType? colType)
    {
        Detector = detector;
        Class = @class;
        Handle = handle;
        Confidence = confidence;
        Severity = Severities.FromConfidence(confidence);
        Score = score;
        Reason = reason;
        ColType = colType;
    }

    public string Detector { get; }

    public AnomalyClass Class { get; }

    public Handle Handle { get; }

    public double Confidence { get; }

    public Severity Severity { get; }

    /// <summary>The detector's raw statistic.</summary>
    public double Score { get; }

    public string Reason { get; }

    /// <summary>Only point.modz and struct.schema findings carry it.</summary>
    public ColumnType? ColType { get; }

    public static Finding Create(string detector, AnomalyClass @class, Handle handle, double confidence, double score, string reason, ColumnType? colType = null)
    {
        // NaN compares false everywhere; treat it as no confidence rather than letting it through the clamp.
        double c = double.IsNaN(confidence) ? 0.0 : Math.Clamp(confidence, 0.0, 1.0);
        return new Finding(detector, @class, handle, c, score, reason, colType);
    }
}
