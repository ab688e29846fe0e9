using System.CommandLine;
using System.Runtime.InteropServices;
using Vigil.Cli.Scan;
using Vigil.Scanning;
using Vigil.Detection.Streaming;
using Vigil.Scanning.Watch;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil watch [PATH|-]</c>: causal online detection. Follows a file like <c>tail -F</c> (or reads stdin to EOF,
/// or a file once with <c>--no-follow</c>), scoring each series from its past only; prints one NDJSON object per
/// alert (a readable line on a terminal), or with <c>--scores</c> one per scored value. Exit 0 at EOF.
/// </summary>
internal static class WatchCommand
{
    internal static Command Create()
    {
        var path = new Argument<string[]>("PATH")
        {
            Description = "Input file to follow, or - for stdin (the default).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var noFollow = new Option<bool>("--no-follow") { Description = "Process the input once and exit at EOF." };
        var scores = new Option<bool>("--scores") { Description = "One NDJSON object per scored value (row, series, value, score, alert) instead of alerts." };
        var metric = new Option<string[]>("--metric")
        {
            Description = "Series column (repeatable; default: every numeric measurement column).",
            AllowMultipleArgumentsPerToken = false,
        };
        var by = new Option<string>("--by") { Description = "Column whose values key separate series (per host, per agent)." };
        var fromStart = new Option<bool>("--from-start") { Description = "When following, read the file's existing content first (default: only what is appended)." };
        var checkpoint = new Option<string>("--checkpoint") { Description = "State file: resume from its offset and detector state, save it on exit." };
        var format = new Option<string>("--input-format") { Description = "Force the input format (as for scan)." };

        var command = new Command("watch", "Follow a file or stream and raise one alert per anomalous incident, scoring only from the past.");
        command.Arguments.Add(path);
        foreach (Option o in new Option[] { noFollow, scores, metric, by, fromStart, checkpoint, format })
        {
            command.Options.Add(o);
        }

        command.SetAction(result => ErrorReporter.Guard(() =>
        {
            string source = Positionals.SourceOrStdin(Positionals.Single(result.GetValue(path), "watch", "PATH"));
            var settings = new WatchSettings(result.GetValue(metric) ?? [], result.GetValue(by), result.GetValue(scores), new CausalDetectorOptions());
            var request = new WatchRequest(
                source,
                settings,
                result.GetValue(format),
                Follow: source != Vigil.Scanning.Requests.ScanInput.StdinName && !result.GetValue(noFollow),
                FromStart: result.GetValue(fromStart),
                Checkpoint: result.GetValue(checkpoint));
            return Run(request);
        }));
        return command;
    }

    internal static int Run(WatchRequest request)
    {
        using Stream stdout = Console.OpenStandardOutput();
        using var ndjson = new NdjsonWatchWriter(stdout, request.Settings.Scores);
        IWatchSink sink = request.Settings.Scores || Console.IsOutputRedirected ? ndjson : new TerminalAlertWriter(Console.Out);
        // SIGINT/SIGTERM end the follow loop; the runner then flushes and writes the checkpoint.
        using var stop = new CancellationTokenSource();
        using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        try
        {
            WatchSummary summary = WatchRunner.Run(request, sink, Console.OpenStandardInput, stop.Token);
            sink.Flush();
            if (summary.BadRecords > 0)
            {
                Console.Error.WriteLine($"vigil: watch: {summary.BadRecords} unreadable record(s) skipped (first: {summary.FirstBadRecord})");
            }

            return ExitCodes.Clean;
        }
        catch (WatchInputException e)
        {
            throw new ScanError(e.Message);
        }

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }
}
