using System.CommandLine;
using System.Globalization;
using Vigil.Exec.Policy;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil check [--acl PATH]</c>: loads the exec ACL exactly as <c>vigil serve</c> would and reports the result,
/// without starting anything. Exit 0 with a one-line summary when the daemon would start; exit 2 with the specific
/// error (file, key, entry, why) when it would refuse.
/// </summary>
internal static class CheckCommand
{
    internal static Command Create()
    {
        var acl = new Option<string>("--acl")
        {
            Description = $"Exec ACL to validate (default: {ExecPolicy.DefaultPath}; a missing default file means exec is disabled).",
            HelpName = "PATH",
        };

        var command = new Command("check", "Validate an exec ACL file without starting the daemon.");
        command.Options.Add(acl);
        command.SetAction(parseResult => Run(parseResult.GetValue(acl), Console.Out, Console.Error));
        return command;
    }

    internal static int Run(string? aclPath, TextWriter stdout, TextWriter stderr)
    {
        ExecPolicy policy;
        try
        {
            policy = AclLoader.Load(aclPath);
        }
        catch (AclException ex)
        {
            stderr.WriteLine($"vigil: error: {ex.Message}");
            return ExitCodes.Error;
        }

        stdout.WriteLine(Describe(policy.Summary));
        return ExitCodes.Clean;
    }

    /// <summary>One line: <c>ok: /path: 2 allow entries, 5 commands, exec enabled</c>.</summary>
    internal static string Describe(AclSummary summary)
    {
        string entries = Count(summary.AllowEntryCount, "allow entry", "allow entries");
        string commands = Count(summary.CommandEntryCount, "command", "commands");
        string state = summary.Enabled ? "exec enabled" : $"exec disabled ({summary.DisabledReason})";
        return $"ok: {summary.LoadedFrom}: {entries}, {commands}, {state}";
    }

    private static string Count(int n, string one, string many) =>
        string.Create(CultureInfo.InvariantCulture, $"{n} {(n == 1 ? one : many)}");
}
