using System.Globalization;
using System.Text;
using Tomlyn;
using Tomlyn.Model;
using Tomlyn.Parsing;

namespace Vigil.Exec.Policy;

/// <summary>
/// Turns ACL text into an <see cref="ExecPolicy"/> (reference x0x §3.2-3.4). Two passes, as the reference:
/// the schema pass (unknown keys, types, required keys) always runs, even for <c>enabled = false</c>; the semantic
/// pass (caps, ids, commands, templates, digests) runs only for an enabled policy. Every failure is an
/// <see cref="AclException"/>; nothing else escapes.
/// </summary>
internal static class AclParser
{
    private static readonly string[] ExecKeys =
    [
        "enabled", "max_stdout_bytes", "max_stderr_bytes", "max_stdin_bytes", "max_duration_secs",
        "max_concurrent_per_agent", "max_concurrent_total", "warn_stdout_bytes", "warn_stderr_bytes",
        "warn_duration_secs", "default_cwd", "audit_log_path", "audit_tasklist_id", "audit_failure", "allow",
    ];

    private static readonly string[] EntryKeys =
        ["description", "agent_id", "machine_id", "max_duration_secs", "diagnostics", "commands"];

    private static readonly string[] CommandKeys = ["argv", "sha256"];

    private static readonly TomlSerializerOptions TomlOptions = new()
    {
        DuplicateKeyHandling = TomlDuplicateKeyHandling.Error,
        MaxDepth = 64,
    };

    public static ExecPolicy Parse(string text, string sourcePath, long loadedAtUnixMs)
    {
        TomlTable root = ReadToml(text, sourcePath);
        if (!root.TryGetValue("exec", out object? execValue))
        {
            return ExecPolicy.Disabled(ExecPolicy.ReasonMissingExecSection, sourcePath, loadedAtUnixMs);
        }

        var ctx = new Context(sourcePath);
        RawExec raw = ReadExec(ctx, execValue);
        if (!raw.Enabled)
        {
            return ExecPolicy.Disabled(ExecPolicy.ReasonExecDisabled, sourcePath, loadedAtUnixMs);
        }

        ExecCaps caps = ValidateCaps(ctx, raw);
        var entries = new AllowEntry[raw.Entries.Count];
        for (int i = 0; i < entries.Length; i++)
        {
            entries[i] = ValidateEntry(ctx, raw.Entries[i], i);
        }

        return new ExecPolicy(
            enabled: true,
            disabledReason: null,
            sourcePath,
            loadedAtUnixMs,
            caps,
            raw.AuditFailure,
            raw.DefaultCwd,
            raw.AuditLogPath ?? ExecPolicy.DefaultAuditLogPath,
            raw.AuditTasklistId,
            entries);
    }

    private static TomlTable ReadToml(string text, string sourcePath)
    {
        try
        {
            // The syntax pass with validation catches what the model reader tolerates: redefined keys and
            // tables (e.g. a second [exec] turning enabled=false into true).
            SyntaxParser.ParseStrict(text, TomlOptions, sourcePath, validate: true);
            return TomlSerializer.Deserialize(text, AclTomlContext.Default.TomlTable)
                ?? throw new AclException(AclErrorKind.Parse, sourcePath, "invalid TOML: empty model");
        }
        catch (TomlException ex)
        {
            string message = ex.Diagnostics is { Count: > 0 } diagnostics
                ? diagnostics[0].Message
                : FirstLine(ex.Message);
            throw new AclException(AclErrorKind.Parse, sourcePath, "invalid TOML: " + message, line: ex.Line, column: ex.Column, inner: ex);
        }
        catch (Exception ex) when (ex is not AclException and not OutOfMemoryException)
        {
            // Whatever the TOML library throws on hostile input is still a refusal of the file, never a crash.
            throw new AclException(AclErrorKind.Parse, sourcePath, "invalid TOML: " + FirstLine(ex.Message), inner: ex);
        }
    }

    private static RawExec ReadExec(Context ctx, object? value)
    {
        TomlTable exec = ctx.Table(value, "exec");
        ctx.RejectUnknownKeys(exec, "exec", ExecKeys, null, null);

        var raw = new RawExec
        {
            Enabled = ctx.OptionalBool(exec, "enabled", "exec") ?? false,
            MaxStdoutBytes = ctx.OptionalU64(exec, "max_stdout_bytes", "exec") ?? ExecCaps.DefaultMaxStdoutBytes,
            MaxStderrBytes = ctx.OptionalU64(exec, "max_stderr_bytes", "exec") ?? ExecCaps.DefaultMaxStderrBytes,
            MaxStdinBytes = ctx.OptionalU64(exec, "max_stdin_bytes", "exec") ?? ExecCaps.DefaultMaxStdinBytes,
            MaxDurationSecs = ctx.OptionalU64(exec, "max_duration_secs", "exec") ?? ExecCaps.DefaultMaxDurationSecs,
            MaxConcurrentPerAgent = ctx.OptionalCount(exec, "max_concurrent_per_agent", "exec") ?? ExecCaps.DefaultMaxConcurrentPerAgent,
            MaxConcurrentTotal = ctx.OptionalCount(exec, "max_concurrent_total", "exec") ?? ExecCaps.DefaultMaxConcurrentTotal,
            WarnStdoutBytes = ctx.OptionalU64(exec, "warn_stdout_bytes", "exec") ?? ExecCaps.DefaultWarnStdoutBytes,
            WarnStderrBytes = ctx.OptionalU64(exec, "warn_stderr_bytes", "exec") ?? ExecCaps.DefaultWarnStderrBytes,
            WarnDurationSecs = ctx.OptionalU64(exec, "warn_duration_secs", "exec") ?? ExecCaps.DefaultWarnDurationSecs,
            DefaultCwd = ctx.OptionalString(exec, "default_cwd", "exec", null, null),
            AuditLogPath = ctx.OptionalString(exec, "audit_log_path", "exec", null, null),
            AuditTasklistId = ctx.OptionalString(exec, "audit_tasklist_id", "exec", null, null),
            AuditFailure = ReadAuditFailure(ctx, exec),
        };

        IReadOnlyList<TomlTable> allow = ctx.OptionalTableArray(exec, "allow", "exec", null);
        for (int i = 0; i < allow.Count; i++)
        {
            raw.Entries.Add(ReadEntry(ctx, allow[i], i));
        }

        return raw;
    }

    private static AuditFailureMode ReadAuditFailure(Context ctx, TomlTable exec)
    {
        string? text = ctx.OptionalString(exec, "audit_failure", "exec", null, null);
        return text switch
        {
            null or "deny" => AuditFailureMode.Deny,
            "continue" => AuditFailureMode.Continue,
            _ => throw ctx.Error(AclErrorKind.Parse, "exec.audit_failure", $"expected \"deny\" or \"continue\", got {DebugQuote(text)}"),
        };
    }

    private static RawEntry ReadEntry(Context ctx, TomlTable table, int i)
    {
        string path = Index("exec.allow", i);
        ctx.RejectUnknownKeys(table, path, EntryKeys, i, null);
        var entry = new RawEntry
        {
            Description = ctx.OptionalString(table, "description", path, i, null),
            AgentId = ctx.RequiredString(table, "agent_id", path, i, null),
            MachineId = ctx.RequiredString(table, "machine_id", path, i, null),
            MaxDurationSecs = ctx.OptionalU64(table, "max_duration_secs", path, i),
            Diagnostics = ctx.OptionalBool(table, "diagnostics", path, i) ?? false,
        };

        IReadOnlyList<TomlTable> commands = ctx.OptionalTableArray(table, "commands", path, i);
        for (int j = 0; j < commands.Count; j++)
        {
            string commandPath = Index(path + ".commands", j);
            TomlTable command = commands[j];
            ctx.RejectUnknownKeys(command, commandPath, CommandKeys, i, j);
            entry.Commands.Add(new RawCommand(
                ctx.RequiredStringArray(command, "argv", commandPath, i, j),
                ctx.OptionalString(command, "sha256", commandPath, i, j)));
        }

        return entry;
    }

    private static ExecCaps ValidateCaps(Context ctx, RawExec raw)
    {
        (string Key, long Value)[] caps =
        [
            ("max_stdout_bytes", raw.MaxStdoutBytes),
            ("max_stderr_bytes", raw.MaxStderrBytes),
            ("max_stdin_bytes", raw.MaxStdinBytes),
            ("max_duration_secs", raw.MaxDurationSecs),
            ("max_concurrent_per_agent", raw.MaxConcurrentPerAgent),
            ("max_concurrent_total", raw.MaxConcurrentTotal),
        ];
        foreach ((string key, long value) in caps)
        {
            if (value <= 0)
            {
                throw ctx.Error(AclErrorKind.Invalid, "exec." + key, "all exec caps must be positive (got 0)");
            }
        }

        if (raw.MaxConcurrentPerAgent > raw.MaxConcurrentTotal)
        {
            throw ctx.Error(
                AclErrorKind.Invalid,
                "exec.max_concurrent_per_agent",
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"max_concurrent_per_agent must be <= max_concurrent_total ({raw.MaxConcurrentPerAgent} > {raw.MaxConcurrentTotal})"));
        }

        return new ExecCaps(
            raw.MaxStdoutBytes,
            raw.MaxStderrBytes,
            raw.MaxStdinBytes,
            raw.MaxDurationSecs,
            raw.MaxConcurrentPerAgent,
            raw.MaxConcurrentTotal,
            Math.Min(raw.WarnStdoutBytes, raw.MaxStdoutBytes),
            Math.Min(raw.WarnStderrBytes, raw.MaxStderrBytes),
            Math.Min(raw.WarnDurationSecs, raw.MaxDurationSecs));
    }

    private static AllowEntry ValidateEntry(Context ctx, RawEntry raw, int i)
    {
        string path = Index("exec.allow", i);
        string agentId = ValidateHex(ctx, raw.AgentId, path + ".agent_id", i, null);
        string machineId = ValidateHex(ctx, raw.MachineId, path + ".machine_id", i, null);
        if (raw.Commands.Count == 0)
        {
            throw ctx.Error(AclErrorKind.Invalid, path, $"allow[{Num(i)}] must contain at least one command", i);
        }

        var commands = new AclCommand[raw.Commands.Count];
        for (int j = 0; j < commands.Length; j++)
        {
            string commandPath = Index(path + ".commands", j);
            RawCommand command = raw.Commands[j];
            if (command.Argv.Count == 0)
            {
                throw ctx.Error(
                    AclErrorKind.Invalid,
                    commandPath + ".argv",
                    $"allow[{Num(i)}].commands[{Num(j)}].argv must not be empty",
                    i,
                    j);
            }

            var tokens = new ArgvToken[command.Argv.Count];
            for (int k = 0; k < tokens.Length; k++)
            {
                if (!ArgvToken.TryParse(command.Argv[k], out tokens[k]))
                {
                    throw ctx.Error(
                        AclErrorKind.Invalid,
                        Index(commandPath + ".argv", k),
                        $"allow[{Num(i)}].commands[{Num(j)}] has unsupported template token in {DebugQuote(command.Argv[k])}"
                            + " (templates are <INT>, <URL_PATH> and prefix<URL_PATH>)",
                        i,
                        j);
                }
            }

            string? sha256 = command.Sha256 is null ? null : ValidateHex(ctx, command.Sha256, commandPath + ".sha256", i, j);
            commands[j] = new AclCommand(tokens, sha256);
        }

        return new AllowEntry(i, raw.Description, agentId, machineId, raw.MaxDurationSecs, raw.Diagnostics, commands);
    }

    private static string ValidateHex(Context ctx, string text, string keyPath, int entry, int? command)
    {
        if (!HexId.TryNormalize(text, out string normalized, out string error))
        {
            throw ctx.Error(AclErrorKind.Invalid, keyPath, error, entry, command);
        }

        return normalized;
    }

    private static string Index(string path, int i) => string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]");

    private static string Num(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static string FirstLine(string message)
    {
        string trimmed = message.Trim();
        int newline = trimmed.IndexOfAny(['\r', '\n']);
        return newline < 0 ? trimmed : trimmed[..newline];
    }

    /// <summary>Quotes user text so control characters and quotes stay visible and the error stays one line.</summary>
    internal static string DebugQuote(string text)
    {
        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (char c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (char.IsControl(c))
                    {
                        sb.Append(CultureInfo.InvariantCulture, $"\\u{{{(int)c:x}}}");
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    private static string TypeName(object? value) => value switch
    {
        null => "nothing",
        bool => "a boolean",
        long => "an integer",
        double => "a float",
        string => "a string",
        TomlTableArray => "an array of tables",
        TomlArray => "an array",
        TomlTable => "a table",
        _ => "a date/time",
    };

    /// <summary>Schema-pass state: the file name for messages, plus the typed accessors that produce them.</summary>
    private sealed class Context(string sourcePath)
    {
        public AclException Error(AclErrorKind kind, string keyPath, string reason, int? entry = null, int? command = null)
            => new(kind, sourcePath, reason, keyPath, entry, command);

        public TomlTable Table(object? value, string keyPath) => value as TomlTable
            ?? throw Error(AclErrorKind.Parse, keyPath, $"expected a table, got {TypeName(value)}");

        public void RejectUnknownKeys(TomlTable table, string path, string[] known, int? entry, int? command)
        {
            foreach (KeyValuePair<string, object> pair in table)
            {
                if (Array.IndexOf(known, pair.Key) < 0)
                {
                    throw Error(
                        AclErrorKind.Parse,
                        path + "." + pair.Key,
                        $"unknown key {DebugQuote(pair.Key)}; expected one of: {string.Join(", ", known)}",
                        entry,
                        command);
                }
            }
        }

        public bool? OptionalBool(TomlTable table, string key, string path, int? entry = null)
        {
            if (!table.TryGetValue(key, out object? value))
            {
                return null;
            }

            return value as bool?
                ?? throw Error(AclErrorKind.Parse, path + "." + key, $"expected a boolean (true or false), got {TypeName(value)}", entry);
        }

        /// <summary>A TOML integer read as the reference's u64: negative values are a type error.</summary>
        public long? OptionalU64(TomlTable table, string key, string path, int? entry = null)
        {
            if (!table.TryGetValue(key, out object? value))
            {
                return null;
            }

            if (value is not long number)
            {
                throw Error(AclErrorKind.Parse, path + "." + key, $"expected a non-negative integer, got {TypeName(value)}", entry);
            }

            if (number < 0)
            {
                throw Error(
                    AclErrorKind.Parse,
                    path + "." + key,
                    string.Create(CultureInfo.InvariantCulture, $"expected a non-negative integer, got {number}"),
                    entry);
            }

            return number;
        }

        /// <summary>A concurrency count: the reference's u32, held as int (larger counts are meaningless).</summary>
        public int? OptionalCount(TomlTable table, string key, string path)
        {
            long? number = OptionalU64(table, key, path);
            if (number > int.MaxValue)
            {
                throw Error(
                    AclErrorKind.Parse,
                    path + "." + key,
                    string.Create(CultureInfo.InvariantCulture, $"expected an integer between 0 and {int.MaxValue}, got {number}"));
            }

            return (int?)number;
        }

        public string? OptionalString(TomlTable table, string key, string path, int? entry, int? command)
        {
            if (!table.TryGetValue(key, out object? value))
            {
                return null;
            }

            return value as string
                ?? throw Error(AclErrorKind.Parse, path + "." + key, $"expected a string, got {TypeName(value)}", entry, command);
        }

        public string RequiredString(TomlTable table, string key, string path, int? entry, int? command)
            => OptionalString(table, key, path, entry, command)
                ?? throw Error(AclErrorKind.Parse, path + "." + key, $"missing required key {DebugQuote(key)}", entry, command);

        public IReadOnlyList<string> RequiredStringArray(TomlTable table, string key, string path, int entry, int command)
        {
            string keyPath = path + "." + key;
            if (!table.TryGetValue(key, out object? value))
            {
                throw Error(AclErrorKind.Parse, keyPath, $"missing required key {DebugQuote(key)}", entry, command);
            }

            if (value is not TomlArray array)
            {
                throw Error(AclErrorKind.Parse, keyPath, $"expected an array of strings, got {TypeName(value)}", entry, command);
            }

            var result = new string[array.Count];
            for (int k = 0; k < result.Length; k++)
            {
                result[k] = array[k] as string
                    ?? throw Error(AclErrorKind.Parse, Index(keyPath, k), $"expected a string, got {TypeName(array[k])}", entry, command);
            }

            return result;
        }

        /// <summary><c>[[x]]</c> blocks or an inline array of tables; an empty inline array is an empty list.</summary>
        public IReadOnlyList<TomlTable> OptionalTableArray(TomlTable table, string key, string path, int? entry)
        {
            string keyPath = path + "." + key;
            if (!table.TryGetValue(key, out object? value))
            {
                return [];
            }

            switch (value)
            {
                case TomlTableArray blocks:
                    return [.. blocks];
                case TomlArray inline:
                    var tables = new TomlTable[inline.Count];
                    for (int k = 0; k < tables.Length; k++)
                    {
                        tables[k] = inline[k] as TomlTable
                            ?? throw Error(AclErrorKind.Parse, Index(keyPath, k), $"expected a table, got {TypeName(inline[k])}", entry);
                    }

                    return tables;
                default:
                    throw Error(AclErrorKind.Parse, keyPath, $"expected an array of tables, got {TypeName(value)}", entry);
            }
        }
    }

    private sealed record RawCommand(IReadOnlyList<string> Argv, string? Sha256);

    private sealed class RawEntry
    {
        public string? Description { get; init; }

        public required string AgentId { get; init; }

        public required string MachineId { get; init; }

        public long? MaxDurationSecs { get; init; }

        public bool Diagnostics { get; init; }

        public List<RawCommand> Commands { get; } = [];
    }

    private sealed class RawExec
    {
        public bool Enabled { get; init; }

        public long MaxStdoutBytes { get; init; }

        public long MaxStderrBytes { get; init; }

        public long MaxStdinBytes { get; init; }

        public long MaxDurationSecs { get; init; }

        public int MaxConcurrentPerAgent { get; init; }

        public int MaxConcurrentTotal { get; init; }

        public long WarnStdoutBytes { get; init; }

        public long WarnStderrBytes { get; init; }

        public long WarnDurationSecs { get; init; }

        public string? DefaultCwd { get; init; }

        public string? AuditLogPath { get; init; }

        public string? AuditTasklistId { get; init; }

        public AuditFailureMode AuditFailure { get; init; }

        public List<RawEntry> Entries { get; } = [];
    }
}
