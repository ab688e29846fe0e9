using System.Text.Json.Nodes;
using Vigil.Core.Findings;
using Vigil.Core.Roles;
using Vigil.Core.Text;

namespace Vigil.Core.Envelope;

/// <summary>
/// The JSON Schema (draft 2020-12) of the <c>tq1</c> envelope, printed by <c>schema</c> (reference §3.7). It is
/// built from the contract's own constants (protocol, finding columns, severity and role tokens), so a change
/// to those shows up here; the prose descriptions are part of the published contract text.
/// </summary>
public static class EnvelopeSchema
{
    /// <summary>The schema, pretty-printed as serde_json does, followed by <c>\n</c>.</summary>
    public static string Render()
    {
        var w = new JsonWriter(pretty: true);
        w.Node(Build());
        return w + "\n";
    }

    /// <summary>The schema as an ordered JSON tree.</summary>
    public static JsonObject Build()
    {
        JsonArray severities = Strings(Severities.All.Select(s => s.ToToken()));
        JsonArray severitiesOrNull = Strings(Severities.All.Select(s => s.ToToken()));
        severitiesOrNull.Add(null);
        JsonArray roles = Strings(Enum.GetValues<ColumnRole>().Select(r => r.ToToken()));
        string[] rowItemTypes = ["integer", "integer", "integer", "number", "integer", "number", "integer"];
        string[] rowItemDescriptions =
        [
            "detector dict index", "class dict index", "handle dict index", "confidence in [0,1]",
            "severity dict index", "raw detector score", "reason dict index",
        ];
        var prefixItems = new JsonArray();
        for (int i = 0; i < rowItemTypes.Length; i++)
        {
            // The JsonNode overload: the generic Add<T> needs reflection the native build does not have.
            prefixItems.Add((JsonNode)new JsonObject { ["type"] = rowItemTypes[i], ["description"] = rowItemDescriptions[i] });
        }

        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = "https://anomalyx/tq1/envelope.schema.json",
            ["title"] = "anomalyx tq1 envelope",
            ["type"] = "object",
            ["required"] = Strings(["protocol", "config_version", "source", "format", "rows_scanned", "dict", "columns", "rows", "absent", "roles", "summary", "exit"]),
            ["additionalProperties"] = false,
            ["properties"] = new JsonObject
            {
                ["protocol"] = new JsonObject { ["const"] = Tq1.Protocol },
                ["config_version"] = TypeOnly("string"),
                ["source"] = TypeOnly("string"),
                ["format"] = TypeOnly("string"),
                ["baseline"] = new JsonObject
                {
                    ["type"] = "string",
                    ["description"] = "Baseline corpus source; present only in compare mode (--baseline).",
                },
                ["rows_scanned"] = Counter(),
                ["dict"] = new JsonObject
                {
                    ["type"] = "array",
                    ["items"] = TypeOnly("string"),
                    ["description"] = "Dictionary-pinned string table; *_idx values index into this.",
                },
                ["columns"] = new JsonObject
                {
                    ["type"] = "array",
                    ["items"] = TypeOnly("string"),
                    ["description"] = "Names of the dense finding-row columns.",
                    ["const"] = Strings(Tq1.FindingColumns),
                },
                ["rows"] = new JsonObject
                {
                    ["type"] = "array",
                    ["description"] = "Dense finding rows, each aligned to `columns`.",
                    ["items"] = new JsonObject
                    {
                        ["type"] = "array",
                        ["minItems"] = Tq1.FindingColumns.Count,
                        ["maxItems"] = Tq1.FindingColumns.Count,
                        ["prefixItems"] = prefixItems,
                    },
                },
                ["absent"] = new JsonObject
                {
                    ["type"] = "array",
                    ["description"] = "Detectors that declined to run, with reasons (honest absence).",
                    ["items"] = Record(("detector", TypeOnly("string")), ("reason", TypeOnly("string"))),
                },
                ["roles"] = new JsonObject
                {
                    ["type"] = "array",
                    ["description"] = "Classified role of each scanned column (measurement/identifier/categorical/sequence/constant). Always reported; detectors may skip non-measurement columns unless --no-column-roles.",
                    ["items"] = Record(("column", TypeOnly("string")), ("role", new JsonObject { ["type"] = "string", ["enum"] = roles })),
                },
                ["summary"] = new JsonObject
                {
                    ["type"] = "object",
                    ["required"] = Strings(["total", "by_class"]),
                    ["properties"] = new JsonObject
                    {
                        ["total"] = Counter(),
                        ["max_severity"] = new JsonObject { ["type"] = Strings(["string", "null"]), ["enum"] = severitiesOrNull },
                        ["by_class"] = new JsonObject
                        {
                            ["type"] = "array",
                            ["items"] = Record(("class", TypeOnly("string")), ("count", Counter())),
                        },
                    },
                },
                ["scope"] = new JsonObject
                {
                    ["type"] = "object",
                    ["description"] = "Output scoping (--top/--min-severity); present only when findings were withheld from `rows`. `summary`, `max_severity`, and `exit` always reflect everything detected, not the scoped view.",
                    ["required"] = Strings(["detected", "emitted", "dropped"]),
                    ["properties"] = new JsonObject
                    {
                        ["min_severity"] = new JsonObject { ["type"] = "string", ["enum"] = severities },
                        ["top"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1 },
                        ["detected"] = Counter(),
                        ["emitted"] = Counter(),
                        ["dropped"] = Counter(),
                    },
                },
                ["exit"] = new JsonObject
                {
                    ["type"] = "integer",
                    ["enum"] = new JsonArray(Tq1.ExitClean, Tq1.ExitAnomalies, Tq1.ExitError),
                },
            },
        };
    }

    private static JsonObject TypeOnly(string type) => new() { ["type"] = type };

    private static JsonObject Counter() => new() { ["type"] = "integer", ["minimum"] = 0 };

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    // An object schema whose listed properties are all required, in the given order.
    private static JsonObject Record(params (string Name, JsonObject Schema)[] properties)
    {
        var props = new JsonObject();
        foreach (var (name, schema) in properties)
        {
            props[name] = schema;
        }

        return new JsonObject
        {
            ["type"] = "object",
            ["required"] = Strings(properties.Select(p => p.Name)),
            ["properties"] = props,
        };
    }
}
