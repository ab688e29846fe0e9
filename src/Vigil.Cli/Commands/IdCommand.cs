using System.CommandLine;
using System.Text.Json;
using Vigil.Exec.Identity;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil id [--dir D] [--json]</c>: prints this host's AgentId and MachineId, ready to paste into an ACL.
/// Loading checks every key file, so a broken or copied key directory is reported here first.
/// </summary>
internal static class IdCommand
{
    internal static Command Create()
    {
        Option<string> dir = DirOption();
        var json = new Option<bool>("--json") { Description = "Print {\"agent_id\":…,\"machine_id\":…}." };

        var command = new Command("id", "Print this host's agent and machine ids.");
        command.Options.Add(dir);
        command.Options.Add(json);
        command.SetAction(parseResult => Run(parseResult.GetValue(dir), parseResult.GetValue(json), Console.Out, Console.Error));
        return command;
    }

    internal static Option<string> DirOption() => new("--dir")
    {
        Description = "Key directory (default: ~/.vigil).",
        HelpName = "DIR",
    };

    internal static int Run(string? dir, bool json, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            var keys = new KeyDirectory(dir ?? KeyDirectory.DefaultPath);
            using HostIdentity identity = keys.Load();
            WriteIds(identity, json, stdout);
            return ExitCodes.Clean;
        }
        catch (KeyFileException ex)
        {
            stderr.WriteLine($"vigil: error: {ex.Message}");
            return ExitCodes.Error;
        }
    }

    internal static void WriteIds(HostIdentity identity, bool json, TextWriter stdout)
    {
        if (!json)
        {
            stdout.WriteLine($"agent_id {identity.AgentId}");
            stdout.WriteLine($"machine_id {identity.MachineId}");
            return;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("agent_id", identity.AgentId.ToString());
            writer.WriteString("machine_id", identity.MachineId.ToString());
            writer.WriteEndObject();
        }

        stdout.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }
}
