using System.CommandLine;
using System.Text.Json.Nodes;
using Vigil.Cli.Scan;
using Vigil.Core.Envelope;
using Vigil.Detection;
using Vigil.Detection.Configuration;
using Vigil.Formats;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil describe</c>: protocol metadata — verbs, the input formats this build really has (registry order),
/// classes, detectors, finding columns, exit codes, the default config and its fingerprint.
/// </summary>
internal static class DescribeCommand
{
    /// <summary>Verb → one-line description, in the contract's order.</summary>
    internal static IReadOnlyList<KeyValuePair<string, string>> Verbs { get; } =
    [
        new("describe", "Emit this protocol metadata."),
        new("schema", "Emit the JSON Schema of `scan` output."),
        new("scan", "Normalize input (file or stdin) and emit a tq1 anomaly envelope."),
        new("explain", "Resolve a finding handle to its underlying evidence."),
    ];

    internal static Command Create()
    {
        var command = new Command("describe", "Emit protocol metadata (formats, detectors, config defaults) as JSON.")
        {
            // Like the reference, extra arguments are ignored.
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(_ => ErrorReporter.Guard(() => StdoutWriter.TryWrite(Render()) ? ExitCodes.Clean : ExitCodes.Error));
        return command;
    }

    internal static string Render()
    {
        DetectConfig config = DetectConfig.Default;
        var json = new JsonObject();
        foreach (var (name, value) in config.Fields())
        {
            json[name] = value switch
            {
                null => null,
                double d => JsonValue.Create(d),
                ulong u => JsonValue.Create(u),
                bool b => JsonValue.Create(b),
                string s => JsonValue.Create(s),
                _ => throw new InvalidOperationException($"config field {name} has an unexpected type"),
            };
        }

        return DescribeDocument.Render("vigil", Verbs, FormatRegistry.Parsers.Select(p => p.Id), DetectorRegistry.Ids, json, config.ConfigVersion());
    }
}
