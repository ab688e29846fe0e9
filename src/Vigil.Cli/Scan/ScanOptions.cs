using System.CommandLine;
using System.CommandLine.Parsing;

namespace Vigil.Cli.Scan;

/// <summary>
/// The flags shared by <c>scan</c> and <c>explain</c> (reference §1.2). Values are taken as raw strings and
/// validated by <see cref="ScanFlags"/>, so the messages are the contract's, not the parser library's. Each value
/// flag may be repeated (the last wins; <c>--set</c> accumulates) and takes the next token even if it starts with
/// <c>-</c>.
/// </summary>
internal sealed class ScanOptions
{
    public Option<string[]> Baseline { get; } = Value("--baseline", "B", "Compare against baseline file B (distributional drift + schema diff).");

    public Option<string[]> Period { get; } = Value("--period", "N", "Treat rows as a time series of period N (contextual/seasonal).");

    public Option<string[]> Cadence { get; } = Value("--cadence", "COL", "Assess column COL for metronomic timing (cadence).");

    public Option<string[]> CadMaxCv { get; } = Value("--cad-max-cv", "F", "Max inter-arrival CV for the cadence flag (default 0.05).");

    public Option<string[]> Fdr { get; } = Value("--fdr", "Q", "Point detector: Benjamini–Hochberg FDR control at level Q (0<Q≤1), replacing the fixed modified-z threshold.");

    public Option<string[]> Columns { get; } = Value("--columns", "C,..", "Analyze only these columns.");

    public Option<string[]> Exclude { get; } = Value("--exclude", "C,..", "Analyze every column except these.");

    public Option<string[]> Top { get; } = Value("--top", "N", "Emit only the N most severe findings (summary/exit unchanged).");

    public Option<string[]> MinSeverity { get; } = Value("--min-severity", "S", "Emit only findings ≥ S (info|low|medium|high|critical).");

    public Option<string[]> Set { get; } = Value("--set", "K=V", "Override a detector-config field (see `describe`); repeatable.");

    public Option<string[]> InputFormat { get; } = Value("--input-format", "ID", "Parse the input with this format id instead of detecting it (see `describe`).");

    public Option<bool> NoColumnRoles { get; } = new("--no-column-roles")
    {
        Description = "Don't skip identifier/sequence columns (roles still shown).",
    };

    /// <summary>Adds every shared option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (Option o in new Option[] { Baseline, Period, Cadence, CadMaxCv, Fdr, Columns, Exclude, Top, MinSeverity, NoColumnRoles, Set, InputFormat })
        {
            command.Options.Add(o);
        }
    }

    /// <summary>
    /// A value flag: present with no value is distinguishable from absent (the contract's "requires" messages),
    /// and one token per occurrence.
    /// </summary>
    internal static Option<string[]> Value(string name, string helpName, string description) => new(name)
    {
        Description = description,
        HelpName = helpName,
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>Null when the flag is absent; an empty list when it was given without a value.</summary>
    internal static IReadOnlyList<string>? Occurrences(ParseResult result, Option<string[]> option)
    {
        OptionResult? r = result.GetResult(option);
        return r is null ? null : r.Tokens.Select(t => t.Value).ToArray();
    }
}
