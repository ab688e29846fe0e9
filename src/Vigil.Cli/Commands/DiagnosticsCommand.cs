using System.CommandLine;
using System.Text.Json;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil diagnostics [HOST] [--dir D] [--machine HEX] [--json]</c>: exec counters and the safe ACL summary, from
/// the local daemon's admin socket, or from a remote daemon for an ACL pair with <c>diagnostics = true</c>.
/// </summary>
internal static class DiagnosticsCommand
{
    internal static Command Create()
    {
        var host = new Argument<string?>("HOST") { Description = "Remote daemon HOST[:PORT]; omit for the local daemon (admin socket in --dir).", Arity = ArgumentArity.ZeroOrOne };
        Option<string> dir = IdCommand.DirOption();
        Option<string> machine = ExecCommand.MachineOption();
        var json = new Option<bool>("--json") { Description = "Print the full JSON document." };
        var command = new Command("diagnostics", "Show exec counters, active sessions and the ACL summary.");
        command.Arguments.Add(host);
        command.Options.Add(dir);
        command.Options.Add(machine);
        command.Options.Add(json);
        command.SetAction(parseResult => ExecCommand.Query(parseResult.GetValue(host), parseResult.GetValue(dir), parseResult.GetValue(machine), sessions: false, json: parseResult.GetValue(json)));
        return command;
    }

    /// <summary>Human form: one <c>name value</c> line per scalar, maps flattened as <c>map.key value</c>.</summary>
    internal static void WriteText(string json, TextWriter output)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        Write(doc.RootElement, prefix: null, output);
    }

    private static void Write(JsonElement element, string? prefix, TextWriter output)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty p in element.EnumerateObject())
                {
                    // The counters are what people look for: print them without a "totals." prefix.
                    string? name = p.Name == "totals" && prefix is null ? null
                        : prefix is null ? p.Name
                        : prefix + "." + p.Name;
                    Write(p.Value, name, output);
                }

                break;
            case JsonValueKind.Array:
                int i = 0;
                foreach (JsonElement item in element.EnumerateArray())
                {
                    Write(item, prefix + "[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]", output);
                    i++;
                }

                if (i == 0)
                {
                    output.WriteLine(prefix + " (none)");
                }

                break;
            default:
                output.WriteLine(prefix + " " + element.GetRawText());
                break;
        }
    }
}
