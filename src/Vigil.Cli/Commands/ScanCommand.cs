using System.CommandLine;
using Vigil.Cli.Scan;
using Vigil.Core.Envelope;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil scan [PATH|-]</c>: normalize one input, run every detector, print the <c>anomalyx/tq1</c> envelope
/// (a findings table instead when stdout is a terminal, unless <c>-o json</c>). Exit 0 clean, 1 anomalies, 2 error.
/// </summary>
internal static class ScanCommand
{
    internal static Command Create()
    {
        var options = new ScanOptions();
        var output = ScanOptions.Value("--output", "json|table", "Output: the JSON envelope (default when piped) or a findings table (default on a terminal).");
        output.Aliases.Add("-o");
        var path = new Argument<string[]>("PATH")
        {
            Description = "Input file, or - for stdin (the default).",
            Arity = ArgumentArity.ZeroOrMore,
        };

        var command = new Command("scan", "Normalize input (file or stdin) and emit a tq1 anomaly envelope.");
        command.Arguments.Add(path);
        options.AddTo(command);
        command.Options.Add(output);
        command.SetAction(result => ErrorReporter.Guard(() =>
        {
            ScanFlags flags = ScanFlags.From(result, options);
            bool table = OutputMode(result, output);
            string source = InputReader.SourceOrStdin(Positionals.Single(result.GetValue(path), "scan", "PATH"));
            return Run(source, flags, table);
        }));
        return command;
    }

    internal static int Run(string source, ScanFlags flags, bool table)
    {
        LoadedInputs inputs = ScanPipeline.Load(source, flags, Console.OpenStandardInput);
        var (config, report) = ScanPipeline.Detect(inputs, flags);
        ScanEnvelope envelope = EnvelopeBuilder.Build(inputs.Current, config.ConfigVersion(), flags.Baseline, report.Findings, report.Absences, flags.Scope);
        string text = table
            ? FindingTable.Render(envelope, inputs.Current.Source, inputs.Current.Format, inputs.Current.Columns.Count == 0 ? 0 : inputs.Current.Rows)
            : envelope.Json;
        return StdoutWriter.TryWrite(text) ? envelope.Exit : ExitCodes.Error;
    }

    private static bool OutputMode(ParseResult result, Option<string[]> output)
    {
        IReadOnlyList<string>? values = ScanOptions.Occurrences(result, output);
        if (values is null)
        {
            return !Console.IsOutputRedirected;
        }

        if (values.Count == 0)
        {
            throw CliError.Config("--output requires json or table");
        }

        return values[^1] switch
        {
            "json" => false,
            "table" => true,
            string v => throw CliError.Config($"--output must be json or table, got '{v}'"),
        };
    }
}
