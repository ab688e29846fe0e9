using System.Buffers;
using System.Text;
using System.Text.Json;
using Vigil.Exec;
using Vigil.Exec.Identity;
using Vigil.Exec.Sessions;

namespace Vigil.Client.Contract;

/// <summary>
/// JSON shapes of the REST face: a signed request (ids hex, bytes base64) and the aggregated result of the
/// reference's <c>/exec/run</c> (§9.1) plus Vigil's tails. Unknown fields are rejected.
/// </summary>
public static class RestJson
{
    private static readonly string[] RunFields =
    [
        "target_machine_id", "request_id", "issued_at_unix_ms", "timeout_ms", "argv", "stdin_b64", "cwd_present",
        "agent_id", "agent_public_key_b64", "binding_b64", "signature_b64",
    ];

    private static readonly string[] CancelFields =
    [
        "target_machine_id", "request_id", "issued_at_unix_ms", "agent_public_key_b64", "binding_b64", "signature_b64",
    ];

    /// <summary>The request body for <c>POST /v1/exec/run</c>.</summary>
    public static string WriteRun(SignedRequest s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Write(w =>
        {
            w.WriteString("target_machine_id", s.Request.Target.ToString());
            w.WriteString("request_id", s.Request.RequestId.ToString());
            w.WriteNumber("issued_at_unix_ms", s.Request.IssuedAtUnixMs);
            w.WriteNumber("timeout_ms", s.Request.TimeoutMs);
            w.WriteStartArray("argv");
            foreach (string token in s.Request.Argv)
            {
                w.WriteStringValue(token);
            }

            w.WriteEndArray();
            w.WriteString("stdin_b64", Convert.ToBase64String(s.Request.Stdin.Span));
            w.WriteBoolean("cwd_present", s.Request.CwdPresent);
            w.WriteString("agent_id", s.ClaimedAgentId.ToString());
            w.WriteString("agent_public_key_b64", Convert.ToBase64String(s.AgentPublicKey.Span));
            w.WriteString("binding_b64", Convert.ToBase64String(s.Binding.Span));
            w.WriteString("signature_b64", Convert.ToBase64String(s.Signature.Span));
        });
    }

    /// <summary>The request body for <c>POST /v1/exec/cancel</c>.</summary>
    public static string WriteCancel(ControlProof c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return Write(w =>
        {
            w.WriteString("target_machine_id", c.Target.ToString());
            w.WriteString("request_id", c.RequestId.ToString());
            w.WriteNumber("issued_at_unix_ms", c.IssuedAtUnixMs);
            w.WriteString("agent_public_key_b64", Convert.ToBase64String(c.AgentPublicKey.Span));
            w.WriteString("binding_b64", Convert.ToBase64String(c.Binding.Span));
            w.WriteString("signature_b64", Convert.ToBase64String(c.Signature.Span));
        });
    }

    /// <summary>Parses a run body; <see cref="FormatException"/> names the offending field.</summary>
    public static SignedRequest ReadRun(JsonElement root) => Decoded(() => ReadRunFields(root));

    /// <summary>Parses a cancel body; <see cref="FormatException"/> names the offending field.</summary>
    public static ControlProof ReadCancel(JsonElement root) => Decoded(() => ReadCancelFields(root));

    /// <summary>
    /// JsonDocument accepts strings that are not text (bytes that are not UTF-8, an escaped lone surrogate such as
    /// <c>\ud800</c>) and throws InvalidOperationException only when one is read (both found by bench/fuzz): that is a
    /// malformed body like any other, not a server error. Every element kind is checked before it is read, so this is
    /// the only way that exception arises here.
    /// </summary>
    private static T Decoded<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InvalidOperationException ex)
        {
            throw new FormatException("a string in the body is not valid UTF-8 text", ex);
        }
    }

    private static SignedRequest ReadRunFields(JsonElement root)
    {
        RequireObject(root, RunFields);
        var argv = new List<string>();
        JsonElement argvElement = Required(root, "argv");
        if (argvElement.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("argv must be an array of strings");
        }

        foreach (JsonElement token in argvElement.EnumerateArray())
        {
            argv.Add(token.ValueKind == JsonValueKind.String ? token.GetString()! : throw new FormatException("argv must be an array of strings"));
        }

        RequestLimits.CheckArgv(argv);

        var request = new ExecRequest(
            MachineId.TryParse(String(root, "target_machine_id"), out MachineId target) ? target : throw new FormatException("target_machine_id must be 64 hex digits"),
            RequestId.TryParse(String(root, "request_id"), out RequestId id) ? id : throw new FormatException("request_id must be 32 hex digits"),
            UInt64(root, "issued_at_unix_ms"),
            checked((uint)UInt64(root, "timeout_ms")),
            argv,
            OptionalBase64(root, "stdin_b64"),
            root.TryGetProperty("cwd_present", out JsonElement cwd) && cwd.ValueKind == JsonValueKind.True);
        return new SignedRequest(
            request,
            Base64(root, "agent_public_key_b64"),
            Base64(root, "binding_b64"),
            AgentId.TryParse(String(root, "agent_id"), out AgentId agent) ? agent : throw new FormatException("agent_id must be 64 hex digits"),
            Base64(root, "signature_b64"));
    }

    private static ControlProof ReadCancelFields(JsonElement root)
    {
        RequireObject(root, CancelFields);
        return new ControlProof(
            ControlVerb.Cancel,
            MachineId.TryParse(String(root, "target_machine_id"), out MachineId target) ? target : throw new FormatException("target_machine_id must be 64 hex digits"),
            RequestId.TryParse(String(root, "request_id"), out RequestId id) ? id : throw new FormatException("request_id must be 32 hex digits"),
            UInt64(root, "issued_at_unix_ms"),
            Base64(root, "agent_public_key_b64"),
            Base64(root, "binding_b64"),
            Base64(root, "signature_b64"));
    }

    /// <summary>The aggregated result (reference §9.1 field order, then <c>stdout_tail_b64</c>/<c>stderr_tail_b64</c>).</summary>
    public static string WriteResult(SessionExit exit, ReadOnlySpan<byte> stdout, ReadOnlySpan<byte> stderr, IReadOnlyList<WarningKind> warnings)
    {
        ArgumentNullException.ThrowIfNull(exit);
        ArgumentNullException.ThrowIfNull(warnings);
        var buffer = new ArrayBufferWriter<byte>(256 + ((stdout.Length + stderr.Length) * 4 / 3));
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteBoolean("ok", true);
            w.WriteString("request_id", exit.RequestId.ToString());
            WriteNullable(w, "code", exit.Code);
            WriteNullable(w, "signal", exit.Signal);
            w.WriteNumber("duration_ms", exit.DurationMs);
            w.WriteBase64String("stdout_b64", stdout);
            w.WriteBase64String("stderr_b64", stderr);
            w.WriteNumber("stdout_bytes_total", exit.StdoutBytesTotal);
            w.WriteNumber("stderr_bytes_total", exit.StderrBytesTotal);
            w.WriteBoolean("truncated", exit.Truncated);
            if (exit.Denial is { } denial)
            {
                w.WriteString("denial_reason", denial.ToToken());
            }
            else
            {
                w.WriteNull("denial_reason");
            }

            w.WriteStartArray("warnings");
            foreach (WarningKind kind in warnings)
            {
                w.WriteStringValue(kind.ToToken());
            }

            w.WriteEndArray();
            w.WriteBase64String("stdout_tail_b64", exit.StdoutTail);
            w.WriteBase64String("stderr_tail_b64", exit.StderrTail);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary><c>{"ok":false,"error":"..."}</c>.</summary>
    public static string Error(string message) => Write(w =>
    {
        w.WriteBoolean("ok", false);
        w.WriteString("error", message);
    });

    private static string Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, int? value)
    {
        if (value is int v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void RequireObject(JsonElement root, string[] allowed)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("the body must be a JSON object");
        }

        foreach (JsonProperty p in root.EnumerateObject())
        {
            if (Array.IndexOf(allowed, p.Name) < 0)
            {
                throw new FormatException("unknown field '" + p.Name + "'");
            }
        }
    }

    private static JsonElement Required(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement e) && e.ValueKind != JsonValueKind.Null
            ? e
            : throw new FormatException("missing field '" + name + "'");

    private static string String(JsonElement root, string name)
    {
        JsonElement e = Required(root, name);
        return e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new FormatException(name + " must be a string");
    }

    private static ulong UInt64(JsonElement root, string name)
    {
        JsonElement e = Required(root, name);
        return e.ValueKind == JsonValueKind.Number && e.TryGetUInt64(out ulong v) ? v : throw new FormatException(name + " must be a non-negative integer");
    }

    private static byte[] Base64(JsonElement root, string name)
    {
        string text = String(root, name);
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (System.FormatException)
        {
            throw new FormatException("invalid " + name);
        }
    }

    private static byte[] OptionalBase64(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement e) && e.ValueKind != JsonValueKind.Null ? Base64(root, name) : [];
}
