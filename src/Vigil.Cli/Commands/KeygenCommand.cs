using System.CommandLine;
using Vigil.Exec.Identity;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil keygen [--dir D] [--force]</c>: creates the machine key, the agent key and their binding
/// (files 0600 in a 0700 directory) and prints both ids. Never replaces existing keys without --force.
/// </summary>
internal static class KeygenCommand
{
    internal static Command Create()
    {
        Option<string> dir = IdCommand.DirOption();
        var force = new Option<bool>("--force") { Description = "Replace existing keys (the old ids stop working)." };

        var command = new Command("keygen", "Create this host's machine and agent keys.");
        command.Options.Add(dir);
        command.Options.Add(force);
        command.SetAction(parseResult => Run(parseResult.GetValue(dir), parseResult.GetValue(force), Console.Out, Console.Error));
        return command;
    }

    internal static int Run(string? dir, bool force, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            var keys = new KeyDirectory(dir ?? KeyDirectory.DefaultPath);
            using HostIdentity identity = keys.Generate(force);
            IdCommand.WriteIds(identity, json: false, stdout);
            return ExitCodes.Clean;
        }
        catch (KeyFileException ex)
        {
            stderr.WriteLine($"vigil: error: {ex.Message}");
            return ExitCodes.Error;
        }
    }
}
