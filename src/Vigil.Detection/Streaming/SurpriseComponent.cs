namespace Vigil.Detection.Streaming;

/// <summary>Which of the causal detector's statistics was most surprised at a row.</summary>
public enum SurpriseComponent : byte
{
    /// <summary>Nothing scored (warm-up, or a non-finite value).</summary>
    None,

    /// <summary>The value against the recent median, in interquartile ranges.</summary>
    Spike,

    /// <summary>The short mean against the recent median: a level shift.</summary>
    LevelShift,

    /// <summary>The recent trajectory against every remembered one.</summary>
    Pattern,

    /// <summary>The value beyond the all-time range seen so far.</summary>
    Range,
}

/// <summary>Names for <see cref="SurpriseComponent"/> in output.</summary>
public static class SurpriseComponents
{
    public static string ToToken(this SurpriseComponent component) => component switch
    {
        SurpriseComponent.Spike => "spike",
        SurpriseComponent.LevelShift => "level_shift",
        SurpriseComponent.Pattern => "pattern",
        SurpriseComponent.Range => "range",
        _ => "none",
    };
}
