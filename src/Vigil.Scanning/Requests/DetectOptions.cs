using Vigil.Detection.Configuration;

namespace Vigil.Scanning.Requests;

/// <summary>
/// The detector settings a caller asks for: the dedicated flags and the ordered <c>--set</c> overrides. They become
/// a <see cref="DetectConfig"/> only after the inputs load, because the contract reports input errors before
/// configuration errors (reference §1.5 step 4).
/// </summary>
public sealed record DetectOptions
{
    public ulong? Period { get; init; }

    public string? Cadence { get; init; }

    public double? CadMaxCv { get; init; }

    public double? Fdr { get; init; }

    public bool NoColumnRoles { get; init; }

    /// <summary><c>--set KEY=VALUE</c> overrides, applied in order after the flags.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Sets { get; init; } = [];

    /// <summary>The detector config: defaults, then the dedicated flags, then each <c>--set</c> in order (reference §1.5).</summary>
    /// <exception cref="ScanError">An override names an unknown field or has a bad value.</exception>
    public DetectConfig BuildConfig()
    {
        DetectConfig config = DetectConfig.Default with
        {
            CtxPeriod = Period ?? 0,
            CadenceColumn = Cadence,
            CadMaxCv = CadMaxCv ?? 0.05,
            PointFdrQ = Fdr,
            ColumnRoles = !NoColumnRoles,
        };
        try
        {
            return config.Apply(Sets);
        }
        catch (ConfigException e)
        {
            throw ScanError.Config(e.Message);
        }
    }
}
