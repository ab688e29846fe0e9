namespace Vigil.Detection.Streaming;

/// <summary>
/// The one parameter set of <see cref="CausalDetector"/>, in rows. The defaults are the values tuned on the NAB
/// training half (README, "watch"); nothing is fitted per series.
/// </summary>
public sealed record CausalDetectorOptions
{
    /// <summary>Rows learnt before any score is given.</summary>
    public int WarmupRows { get; init; } = 150;

    /// <summary>Recent values behind the level statistics (median, quartiles, range).</summary>
    public int LevelWindow { get; init; } = 2000;

    /// <summary>Rows in the short mean that catches level shifts.</summary>
    public int ShortWindow { get; init; } = 12;

    /// <summary>Past raw statistics behind each calibration.</summary>
    public int CalibrationHistory { get; init; } = 5000;

    /// <summary>Quantile above which a calibration extrapolates with an exponential tail.</summary>
    public double TailQuantile { get; init; } = 0.97;

    /// <summary>Rows averaged into one block of a trajectory.</summary>
    public int PatternBlockRows { get; init; } = 12;

    /// <summary>Blocks in one trajectory.</summary>
    public int PatternBlocks { get; init; } = 12;

    /// <summary>Past trajectories remembered.</summary>
    public int PatternMemory { get; init; } = 300;

    /// <summary>Excess over the all-time range, as a fraction of it, before a value counts as out of range.</summary>
    public double RangeMargin { get; init; } = 0.05;

    /// <summary>Tail probability given to a value just past the range margin.</summary>
    public double RangePValue { get; init; } = 1e-5;

    /// <summary>Rows after a raised alert in which only a stronger surprise is reported.</summary>
    public int IncidentRows { get; init; } = 100;

    /// <summary>Combined tail probability at or below which the detector raises an alert.</summary>
    public double AlertPValue { get; init; } = 5e-4;
}
