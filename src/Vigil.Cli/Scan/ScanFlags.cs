using System.CommandLine;
using Vigil.Core.Envelope;
using Vigil.Core.Findings;
using Vigil.Detection.Configuration;
using Vigil.Scanning;
using Vigil.Scanning.Requests;

namespace Vigil.Cli.Scan;

/// <summary>
/// Validated scan/explain flags with the reference's messages (reference §1.2). Construction throws
/// <see cref="ScanError"/> for the first bad flag, in flag-table order.
/// </summary>
internal sealed record ScanFlags
{
    public string? Baseline { get; init; }

    public string? InputFormat { get; init; }

    public ColumnScope Columns { get; init; }

    public DetectOptions Detect { get; init; } = new();

    public OutputScope Scope { get; init; }

    /// <summary>Reads and validates the flags of a parse result.</summary>
    public static ScanFlags From(ParseResult result, ScanOptions o)
    {
        // One flag after another in flag-table order, so the first bad flag is the one reported.
        string? baseline = Last(result, o.Baseline, "--baseline requires a path");
        ulong? period = Map(Last(result, o.Period, "--period requires an integer"), v =>
            RustNumberParser.TryParseUsize(v, out ulong n) ? n : throw ScanError.Config($"--period must be an integer, got '{v}'"));
        string? cadence = Last(result, o.Cadence, "--cadence requires a column name");
        double? cadMaxCv = Map(Last(result, o.CadMaxCv, "--cad-max-cv requires a number"), ParseCadMaxCv);
        double? fdr = Map(Last(result, o.Fdr, "--fdr requires a number"), ParseFdr);
        ulong? top = Map(Last(result, o.Top, "--top requires an integer"), v =>
            RustNumberParser.TryParseUsize(v, out ulong n) && n >= 1 ? n : throw ScanError.Config($"--top must be a positive integer, got '{v}'"));
        Severity? minSeverity = Map(Last(result, o.MinSeverity, "--min-severity requires a level"), v =>
            Severities.TryParse(v, out Severity s) ? s : throw ScanError.Config($"--min-severity must be one of info|low|medium|high|critical, got '{v}'"));
        bool noColumnRoles = result.GetValue(o.NoColumnRoles);
        IReadOnlyList<KeyValuePair<string, string>> sets = ParseSets(ScanOptions.Occurrences(result, o.Set));
        IReadOnlyList<string>? columns = Map(Last(result, o.Columns, "--columns requires a comma-separated list"), v => ColumnList(v, "--columns"));
        IReadOnlyList<string>? exclude = Map(Last(result, o.Exclude, "--exclude requires a comma-separated list"), v => ColumnList(v, "--exclude"));
        string? inputFormat = Last(result, o.InputFormat, "--input-format requires a format id");
        if (columns is not null && exclude is not null)
        {
            throw ScanError.Config("use --columns or --exclude, not both");
        }

        return new ScanFlags
        {
            Baseline = baseline,
            InputFormat = inputFormat,
            Columns = new ColumnScope(columns, exclude),
            Detect = new DetectOptions { Period = period, Cadence = cadence, CadMaxCv = cadMaxCv, Fdr = fdr, NoColumnRoles = noColumnRoles, Sets = sets },
            Scope = new OutputScope(minSeverity, top),
        };
    }

    /// <summary>The service request for <paramref name="input"/> with these flags.</summary>
    public ScanRequest ToRequest(ScanInput input) =>
        new() { Input = input, Baseline = Baseline, InputFormat = InputFormat, Columns = Columns, Detect = Detect, Scope = Scope };

    private static string? Last(ParseResult result, Option<string[]> option, string missing)
    {
        IReadOnlyList<string>? values = ScanOptions.Occurrences(result, option);
        if (values is null)
        {
            return null;
        }

        return values.Count == 0 ? throw ScanError.Config(missing) : values[^1];
    }

    private static T? Map<T>(string? value, Func<string, T> parse)
        where T : struct => value is null ? null : parse(value);

    private static IReadOnlyList<string>? Map(string? value, Func<string, IReadOnlyList<string>> parse) => value is null ? null : parse(value);

    private static double ParseCadMaxCv(string v)
    {
        if (!RustNumberParser.TryParseF64(v, out double d))
        {
            throw ScanError.Config($"--cad-max-cv must be a number, got '{v}'");
        }

        // -0 passes: it is not < 0.
        return double.IsFinite(d) && d >= 0 ? d : throw ScanError.Config($"--cad-max-cv must be a finite, non-negative coefficient of variation, got '{v}'");
    }

    private static double ParseFdr(string v)
    {
        if (!RustNumberParser.TryParseF64(v, out double d))
        {
            throw ScanError.Config($"--fdr must be a number, got '{v}'");
        }

        return double.IsFinite(d) && d > 0 && d <= 1 ? d : throw ScanError.Config($"--fdr must be a false-discovery rate in (0, 1], got '{v}'");
    }

    private static IReadOnlyList<KeyValuePair<string, string>> ParseSets(IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return [];
        }

        if (values.Count == 0)
        {
            throw ScanError.Config("--set requires KEY=VALUE");
        }

        var sets = new List<KeyValuePair<string, string>>(values.Count);
        foreach (string v in values)
        {
            int eq = v.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                throw ScanError.Config($"--set expects KEY=VALUE, got '{v}'");
            }

            if (eq == 0 || eq == v.Length - 1)
            {
                throw ScanError.Config($"--set KEY and VALUE must both be non-empty, got '{v}'");
            }

            sets.Add(new(v[..eq], v[(eq + 1)..]));
        }

        return sets;
    }

    private static IReadOnlyList<string> ColumnList(string v, string flag)
    {
        string[] names = v.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).ToArray();
        return names.Length > 0 ? names : throw ScanError.Config($"{flag} requires at least one column name");
    }
}
