using System.CommandLine;
using Vigil.Cli.Scan;
using Vigil.Core.Envelope;
using Vigil.Core.Handles;
using Vigil.Scanning;
using Vigil.Scanning.Requests;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil explain HANDLE [PATH|-]</c>: resolve a finding handle against the corpus and print its evidence and the
/// findings that carry it (reference §1.7). Exit 0 when it resolves (even with findings), 2 otherwise.
/// </summary>
internal static class ExplainCommand
{
    internal static Command Create()
    {
        var options = new ScanOptions();
        var handle = new Argument<string>("HANDLE")
        {
            Description = "A handle from a scan: col:NAME, cell:COL:ROW, range:COL:START:END, dist:COL or row:N.",
        };
        var path = new Argument<string[]>("PATH")
        {
            Description = "Input file, or - for stdin (the default).",
            Arity = ArgumentArity.ZeroOrMore,
        };

        var command = new Command("explain", "Resolve a finding handle to its underlying evidence.");
        command.Arguments.Add(handle);
        command.Arguments.Add(path);
        options.AddTo(command);
        command.SetAction(result => ErrorReporter.Guard(() =>
        {
            ScanFlags flags = ScanFlags.From(result, options);
            string raw = result.GetValue(handle) ?? throw ScanError.Config("explain requires a HANDLE");
            string source = Positionals.SourceOrStdin(Positionals.Single(result.GetValue(path), "explain", "PATH"));
            return Run(raw, flags.ToRequest(new ScanInput(source, CliStreams.Current.OpenStdin)));
        }));
        return command;
    }

    internal static int Run(string rawHandle, ScanRequest request)
    {
        if (!Handle.TryParse(rawHandle, out Handle handle))
        {
            throw new ScanError("malformed handle: " + rawHandle);
        }

        LoadedInputs inputs = ScanService.Load(request);
        if (!HandleResolver.Resolves(inputs.Current, handle))
        {
            throw new ScanError("handle does not resolve against this corpus: " + handle);
        }

        var (_, report) = ScanService.Detect(inputs, request);
        string json = ExplainDocument.Build(inputs.Current, rawHandle, handle, report.Findings);
        return StdoutWriter.TryWrite(json) ? ExitCodes.Clean : ExitCodes.Error;
    }
}
