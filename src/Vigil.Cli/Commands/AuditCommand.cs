using System.CommandLine;
using System.Globalization;
using Vigil.Exec.Audit;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil audit verify PATH</c>: walks the audit log's hash chain. Exit 0 intact, 1 broken (first bad seq and
/// why on stdout), 2 unreadable.
/// </summary>
internal static class AuditCommand
{
    internal static Command Create()
    {
        var path = new Argument<string>("PATH") { Description = "Audit log (JSONL) to check." };
        var verify = new Command("verify", "Check that an audit log's hash chain is intact.");
        verify.Arguments.Add(path);
        verify.SetAction(parseResult => Verify(parseResult.GetValue(path)!, Console.Out, Console.Error));

        var command = new Command("audit", "Work with exec audit logs.");
        command.Subcommands.Add(verify);
        return command;
    }

    internal static int Verify(string path, TextWriter stdout, TextWriter stderr)
    {
        AuditVerification result = AuditVerifier.Verify(path);
        switch (result.Status)
        {
            case AuditVerificationStatus.Intact:
                string events = result.EventCount == 1 ? "1 event" : string.Create(CultureInfo.InvariantCulture, $"{result.EventCount} events");
                stdout.WriteLine($"ok: {path}: {events}, chain intact");
                return ExitCodes.Clean;
            case AuditVerificationStatus.Broken:
                stdout.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"broken: {path}: seq {result.BrokenSeq}: {result.Break!.Value.ToText()}: {result.Detail}"));
                return ExitCodes.Anomalies;
            default:
                stderr.WriteLine($"vigil: error: {path}: cannot read audit log: {result.Detail}");
                return ExitCodes.Error;
        }
    }
}
