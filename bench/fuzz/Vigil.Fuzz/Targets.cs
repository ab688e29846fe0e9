using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Vigil.Exec.Audit;
using Vigil.Exec.Policy;
using Vigil.Formats;
using Vigil.Client.Contract;

namespace Vigil.Fuzz;

/// <summary>Every fuzz target: each text format parser, the ACL loader, both request decoders and audit verify.</summary>
internal static class Targets
{
    /// <summary>Seeds are cut to this size: mutations of small inputs reach more paths per second.</summary>
    public const int MaxSeedBytes = 4096;

    private static readonly byte[][] StructureTokens =
    [
        .. new[]
        {
            "{", "}", "[", "]", "\"", ":", ",", "\n", "\r\n", "\t", " ", "=", "<", ">", "</", "/>", "<?xml version=\"1.0\"?>",
            "<!DOCTYPE a>", "<![CDATA[", "]]>", "---\n", "- ", "&a ", "*a", "!!str ", "|", "#", "\\", "\\u0000", "null", "true",
            "1e308", "-0", "9223372036854775808", "\"a\":", "a=", "key: ", "CEF:0|", "LEEF:2.0|", "<13>", "type=SYSCALL ",
            "#fields\t", "# HELP ", "# TYPE ", "[section]\n", "\u00e9", "\ufeff", "\u0000", "\xff",
        }.Select(Encoding.Latin1.GetBytes),
    ];

    public static IReadOnlyList<FuzzTarget> All(string samples)
    {
        var targets = new List<FuzzTarget>();
        foreach (IFormatParser parser in FormatRegistry.Parsers)
        {
            IFormatParser p = parser;
            targets.Add(new FuzzTarget(
                "format:" + p.Id,
                () => FormatSeeds(samples, p),
                StructureTokens,
                data => p.Parse(data),
                ex => ex is FormatParseException));
        }

        targets.Add(new FuzzTarget(
            "acl",
            () => [.. AclSeeds()],
            [.. new[] { "[exec]\n", "[[exec.allow]]\n", "[[exec.allow.commands]]\n", "argv = [", "\"<INT>\"", "\"<URL_PATH>\"", "enabled = true\n", "sha256 = \"", "max_stdin_bytes = ", "audit_failure = \"deny\"\n", "'''", "\"\"\"", "= {", "0x", "1979-05-27T07:32:00Z" }.Select(Encoding.UTF8.GetBytes), .. StructureTokens],
            data => AclLoader.Parse(Encoding.UTF8.GetString(data), "fuzz.toml"),
            ex => ex is AclException));

        targets.Add(new FuzzTarget(
            "request-json",
            () => [RequestSamples.Json()],
            [.. new[] { "\"argv\":", "\"stdin_b64\":", "\"timeout_ms\":", "\"request_id\":", "\"issued_at_unix_ms\":", "\"cwd\":", "\"signature_b64\":", "\"AAAA\"", "18446744073709551616", "-1", "1.5" }.Select(Encoding.UTF8.GetBytes), .. StructureTokens],
            data =>
            {
                // What POST /v1/exec/run and /v1/exec/cancel each turn into a 400; anything else would be a 500.
                using JsonDocument doc = JsonDocument.Parse(data);
                try
                {
                    RestJson.ReadRun(doc.RootElement);
                }
                catch (Exception ex) when (ex is FormatException or JsonException or OverflowException)
                {
                }

                RestJson.ReadCancel(doc.RootElement);
            },
            ex => ex is FormatException or JsonException));

        targets.Add(new FuzzTarget(
            "request-proto",
            () => [RequestSamples.Proto()],
            [[0x0a], [0x12], [0x1a], [0x22], [0x08], [0xff, 0xff, 0xff, 0xff, 0x0f], [0x80], [0x00]],
            data =>
            {
                Vigil.Client.Protos.ClientFrame frame = Vigil.Client.Protos.ClientFrame.Parser.ParseFrom(data);
                if (frame.Request is { } request)
                {
                    ProtoMapping.ToSignedRequest(request);
                }
            },
            ex => ex is InvalidProtocolBufferException or FormatException));

        targets.Add(new FuzzTarget(
            "audit-verify",
            () => [RequestSamples.AuditLog()],
            [.. new[] { "{\"event\":\"request\",", "\"seq\":", "\"prev\":\"", "0000000000000000000000000000000000000000000000000000000000000000", "\n" }.Select(Encoding.UTF8.GetBytes), .. StructureTokens],
            data => AuditVerifier.Verify(new MemoryStream(data, writable: false)),
            _ => false));

        return targets;
    }

    private static IReadOnlyList<byte[]> FormatSeeds(string samples, IFormatParser parser)
    {
        var seeds = new List<byte[]>();
        if (Directory.Exists(samples))
        {
            // Every real sample, not only the format's own: a parser must survive its neighbours' data too, but its
            // own samples come first so the corpus starts deep in its grammar.
            IEnumerable<string> files = Directory.EnumerateFiles(samples, "*", SearchOption.AllDirectories)
                .Where(f => !f.EndsWith(".md", StringComparison.Ordinal))
                .OrderBy(f => parser.Extensions.Any(e => f.EndsWith("." + e, StringComparison.OrdinalIgnoreCase)) ? 0 : 1)
                .ThenBy(f => f, StringComparer.Ordinal);
            foreach (string file in files)
            {
                byte[] bytes = File.ReadAllBytes(file);
                seeds.Add(bytes.Length > MaxSeedBytes ? bytes[..MaxSeedBytes] : bytes);
            }
        }

        seeds.Add("a\n"u8.ToArray());
        return seeds;
    }

    private static IEnumerable<byte[]> AclSeeds()
    {
        string agent = new('a', 64);
        string machine = new('b', 64);
        yield return Encoding.UTF8.GetBytes($"""
            [exec]
            enabled = true
            audit_log_path = "/tmp/x.log"
            max_stdin_bytes = 1024
            audit_failure = "deny"

            [[exec.allow]]
            description = "alice"
            agent_id = "{agent}"
            machine_id = "{machine}"
            diagnostics = true

            [[exec.allow.commands]]
            argv = ["echo", "<INT>"]

            [[exec.allow.commands]]
            argv = ["curl", "http://127.0.0.1<URL_PATH>"]
            sha256 = "{new string('c', 64)}"

            """);
        yield return "[exec]\nenabled = false\n"u8.ToArray();
    }
}
