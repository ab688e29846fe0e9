using System.Text.Json.Nodes;
using Vigil.Core.Findings;
using Vigil.Core.Text;

namespace Vigil.Core.Envelope;

/// <summary>The <c>describe</c> document (reference §1.8): protocol metadata, pretty-printed as serde_json does.</summary>
public static class DescribeDocument
{
    /// <summary>Pretty JSON + <c>\n</c>.</summary>
    /// <param name="tool">Tool name.</param>
    /// <param name="commands">Verb → one-line description, in order.</param>
    /// <param name="inputFormats">Parser ids in registration order.</param>
    /// <param name="detectors">Detector ids in registration order.</param>
    /// <param name="defaultConfig">The default detector config, fields in serialized order.</param>
    /// <param name="configVersion">The default config's fingerprint.</param>
    public static string Render(string tool, IEnumerable<KeyValuePair<string, string>> commands, IEnumerable<string> inputFormats, IEnumerable<string> detectors, JsonNode defaultConfig, string configVersion)
    {
        var w = new JsonWriter(pretty: true);
        w.BeginObject();
        w.Property("protocol", Tq1.Protocol);
        w.Property("tool", tool);
        w.Property("summary", "Contract-first anomaly detection over arbitrary corpora.");
        w.PropertyName("commands");
        w.BeginObject();
        foreach (var (verb, text) in commands)
        {
            w.Property(verb, text);
        }

        w.EndObject();
        w.PropertyName("input_formats");
        w.StringArray(inputFormats);
        w.PropertyName("anomaly_classes");
        w.StringArray(AnomalyClasses.All.Select(c => c.ToToken()));
        w.PropertyName("detectors");
        w.StringArray(detectors);
        w.PropertyName("finding_columns");
        w.StringArray(Tq1.FindingColumns);
        w.PropertyName("exit_codes");
        w.BeginObject();
        w.Property("clean", Tq1.ExitClean);
        w.Property("anomalies", Tq1.ExitAnomalies);
        w.Property("error", Tq1.ExitError);
        w.EndObject();
        w.PropertyName("config");
        w.Node(defaultConfig);
        w.Property("config_version", configVersion);
        w.Property("determinism", Tq1.Determinism);
        w.EndObject();
        return w + "\n";
    }
}
