using System.CommandLine;
using Vigil.Cli.Scan;
using Vigil.Core.Envelope;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil schema</c>: the JSON Schema (draft 2020-12) of the scan envelope.</summary>
internal static class SchemaCommand
{
    internal static Command Create()
    {
        var command = new Command("schema", "Emit the JSON Schema of `scan` output.")
        {
            // Like the reference, extra arguments are ignored.
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(_ => ErrorReporter.Guard(() => StdoutWriter.TryWrite(EnvelopeSchema.Render()) ? ExitCodes.Clean : ExitCodes.Error));
        return command;
    }
}
