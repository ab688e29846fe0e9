using System.CommandLine;
using Vigil.Cli.Scan;
using Vigil.Scanning;
using Vigil.Scanning.Progress;
using Vigil.Scanning.Reports;
using Vigil.Scanning.Requests;

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
            ReportFormat format = OutputMode(result, output);
            string source = Positionals.SourceOrStdin(Positionals.Single(result.GetValue(path), "scan", "PATH"));
            return Run(flags.ToRequest(new ScanInput(source, CliStreams.Current.OpenStdin)), format);
        }));
        return command;
    }

    internal static int Run(ScanRequest request, ReportFormat format)
    {
        ScanReport report;
        if (StderrProgressTerminal.IsWanted(CliStreams.Current.StderrIsTerminal))
        {
            var progress = new ScanProgress();

            // Disposed (line erased) before the report or an error line is written.
            using var meter = new ProgressMeter(progress, request.Input.Source, new StderrProgressTerminal(), TimeProvider.System);
            report = ScanService.Run(request, progress);
        }
        else
        {
            report = ScanService.Run(request);
        }

        return StdoutWriter.TryWrite(report, ReportWriters.For(format)) ? report.Exit : ExitCodes.Error;
    }

    private static ReportFormat OutputMode(ParseResult result, Option<string[]> output)
    {
        IReadOnlyList<string>? values = ScanOptions.Occurrences(result, output);
        if (values is null)
        {
            return CliStreams.Current.StdoutIsTerminal ? ReportFormat.Table : ReportFormat.Tq1;
        }

        if (values.Count == 0)
        {
            throw ScanError.Config("--output requires json or table");
        }

        return values[^1] switch
        {
            "json" => ReportFormat.Tq1,
            "table" => ReportFormat.Table,
            string v => throw ScanError.Config($"--output must be json or table, got '{v}'"),
        };
    }
}
