using Vigil.Exec.Policy;

namespace Vigil.Exec.Tests.Policy;

/// <summary>Loading modes, schema strictness and semantic validation (reference x0x §3, §12.1, §12.2, §12.13).</summary>
public sealed class AclLoaderTests : IDisposable
{
    private const string Src = "/test/exec-acl.toml";
    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-policy-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static AclException Refused(string toml) => Assert.Throws<AclException>(() => AclLoader.Parse(toml, Src));

    private static string OneEntry(string execExtra = "", string entryExtra = "", string commands = "[[exec.allow.commands]]\nargv = [\"echo\", \"ok\"]\n")
        => $"[exec]\nenabled = true\n{execExtra}\n[[exec.allow]]\nagent_id = \"{AclText.Agent}\"\nmachine_id = \"{AclText.Machine}\"\n{entryExtra}\n{commands}";

    // ---- loading modes (§3.1, §3.2) ----

    [Fact]
    public void DefaultPath_IsUnderEtcVigil() =>
        Assert.Equal("/etc/vigil/exec-acl.toml", ExecPolicy.DefaultPath);

    [Fact]
    public void MissingFile_AtExplicitPath_IsMissingError()
    {
        string path = Path.Combine(_dir, "nope.toml");
        AclException ex = Assert.Throws<AclException>(() => AclLoader.Load(path));
        Assert.Equal(AclErrorKind.Missing, ex.Kind);
        Assert.Equal($"{path}: exec ACL file not found", ex.Message);
    }

    [Fact]
    public void MissingFile_AtDefaultPath_IsDisabledAclMissing()
    {
        // The test machine has no /etc/vigil ACL; if one exists the default-mode result is not "missing".
        if (File.Exists(ExecPolicy.DefaultPath))
        {
            return;
        }

        ExecPolicy policy = AclLoader.Load(null, new FixedTime(1_767_225_600_000));
        Assert.False(policy.Enabled);
        Assert.Equal("acl_missing", policy.DisabledReason);
        Assert.Equal(ExecPolicy.DefaultPath, policy.LoadedFrom);
        Assert.Equal(1_767_225_600_000, policy.LoadedAtUnixMs);
    }

    [Fact]
    public void Directory_AtExplicitPath_IsRefused()
    {
        AclException ex = Assert.Throws<AclException>(() => AclLoader.Load(_dir));
        Assert.Equal(AclErrorKind.Missing, ex.Kind);
        Assert.Contains("directory", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExistingFile_IsParsed_AndRecordsPathAndTime()
    {
        string path = Path.Combine(_dir, "acl.toml");
        File.WriteAllText(path, OneEntry());
        ExecPolicy policy = AclLoader.Load(path, new FixedTime(42));
        Assert.True(policy.Enabled);
        Assert.Equal(path, policy.LoadedFrom);
        Assert.Equal(42, policy.LoadedAtUnixMs);
    }

    [Fact]
    public void InvalidUtf8_IsUnreadable()
    {
        string path = Path.Combine(_dir, "bad.toml");
        File.WriteAllBytes(path, [(byte)'[', (byte)'e', 0xC3, 0x28, (byte)']']);
        AclException ex = Assert.Throws<AclException>(() => AclLoader.Load(path));
        Assert.Equal(AclErrorKind.Unreadable, ex.Kind);
        Assert.Contains("UTF-8", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf8Bom_IsAccepted()
    {
        string path = Path.Combine(_dir, "bom.toml");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes("[exec]\nenabled = true\n")]);
        Assert.True(AclLoader.Load(path).Enabled);
    }

    [Fact]
    public void OversizedFile_IsUnreadable()
    {
        string path = Path.Combine(_dir, "big.toml");
        File.WriteAllText(path, "# " + new string('x', AclLoader.MaxFileBytes) + "\n");
        AclException ex = Assert.Throws<AclException>(() => AclLoader.Load(path));
        Assert.Equal(AclErrorKind.Unreadable, ex.Kind);
    }

    [Fact]
    public void MalformedToml_IsParseError_WithLine()
    {
        AclException ex = Refused("this is not = valid = toml [[[");
        Assert.Equal(AclErrorKind.Parse, ex.Kind);
        Assert.Equal(1, ex.Line);
        Assert.StartsWith($"{Src}:1:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SyntaxError_ReportsItsLine()
    {
        AclException ex = Refused("[exec]\nenabled = true\nmax_stdout_bytes = @\n");
        Assert.Equal(3, ex.Line);
        Assert.StartsWith($"{Src}:3:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyFile_IsDisabledMissingExecSection()
    {
        ExecPolicy policy = AclLoader.Parse(string.Empty, Src);
        Assert.False(policy.Enabled);
        Assert.Equal("missing_exec_section", policy.DisabledReason);
    }

    [Fact]
    public void OtherTablesOnly_IsDisabledMissingExecSection()
    {
        ExecPolicy policy = AclLoader.Parse("[other]\nfoo = 1\n", Src);
        Assert.Equal("missing_exec_section", policy.DisabledReason);
    }

    [Theory]
    [InlineData("[exec]\n")]
    [InlineData("[exec]\nenabled = false\n")]
    public void ExecSectionWithoutEnabledTrue_IsDisabledExecDisabled(string toml)
    {
        ExecPolicy policy = AclLoader.Parse(toml, Src);
        Assert.False(policy.Enabled);
        Assert.Equal("exec_disabled", policy.DisabledReason);
        Assert.Equal(DenialReason.ExecDisabled, policy.Evaluate(AclText.Agent, AclText.Machine, new PolicyRequest(["echo", "ok"], 0, 1000, false)).Denial);
    }

    [Fact]
    public void DisabledPolicy_SkipsSemanticChecks_ButNotSchema()
    {
        // §12.13: a bad hex id in a disabled file still loads as Disabled...
        ExecPolicy policy = AclLoader.Parse(
            "[exec]\nenabled = false\n[[exec.allow]]\nagent_id = \"nothex\"\nmachine_id = \"x\"\n[[exec.allow.commands]]\nargv = [\"<ANY>\"]\n",
            Src);
        Assert.Equal("exec_disabled", policy.DisabledReason);
        Assert.Equal(0, policy.Summary.AllowEntryCount);

        // ...but a missing required key is a parse error even when disabled.
        AclException ex = Refused("[exec]\nenabled = false\n[[exec.allow]]\nagent_id = \"nothex\"\n");
        Assert.Equal(AclErrorKind.Parse, ex.Kind);
        Assert.Equal("exec.allow[0].machine_id", ex.KeyPath);
        Assert.Equal(0, ex.EntryIndex);
    }

    [Fact]
    public void EnabledWithoutEntries_IsEnabledAndDeniesEveryone()
    {
        ExecPolicy policy = AclLoader.Parse("[exec]\nenabled = true\n", Src);
        Assert.True(policy.Enabled);
        Assert.Null(policy.DisabledReason);
        Assert.Equal(0, policy.Summary.AllowEntryCount);
        Assert.Equal(0, policy.Summary.CommandEntryCount);
        Assert.Equal(
            DenialReason.AgentMachineNotInAcl,
            policy.Evaluate(AclText.Agent, AclText.Machine, new PolicyRequest(["echo"], 0, 1000, false)).Denial);
    }

    [Fact]
    public void RootTable_IsNotStrict()
    {
        ExecPolicy policy = AclLoader.Parse("[connect]\nanything = 1\n[logging]\nlevel = \"x\"\n" + OneEntry(), Src);
        Assert.True(policy.Enabled);
    }

    [Fact]
    public void NotConfigured_IsDisabledWithReferenceReason()
    {
        Assert.False(ExecPolicy.NotConfigured.Enabled);
        Assert.Equal("no exec ACL configured", ExecPolicy.NotConfigured.DisabledReason);
        Assert.Equal(0, ExecPolicy.NotConfigured.LoadedAtUnixMs);
    }

    // ---- defaults and clamping (§3.3) ----

    [Fact]
    public void Defaults_AreTheReferenceValues()
    {
        ExecCaps caps = AclLoader.Parse("[exec]\nenabled = true\n", Src).Caps;
        Assert.Equal(16_777_216, caps.MaxStdoutBytes);
        Assert.Equal(16_777_216, caps.MaxStderrBytes);
        Assert.Equal(1_048_576, caps.MaxStdinBytes);
        Assert.Equal(300, caps.MaxDurationSecs);
        Assert.Equal(4, caps.MaxConcurrentPerAgent);
        Assert.Equal(32, caps.MaxConcurrentTotal);
        Assert.Equal(8_388_608, caps.WarnStdoutBytes);
        Assert.Equal(8_388_608, caps.WarnStderrBytes);
        Assert.Equal(60, caps.WarnDurationSecs);

        ExecPolicy policy = AclLoader.Parse("[exec]\nenabled = true\n", Src);
        Assert.Equal(AuditFailureMode.Deny, policy.AuditFailure);
        Assert.Equal(ExecPolicy.DefaultAuditLogPath, policy.AuditLogPath);
        Assert.Null(policy.DefaultCwd);
    }

    [Fact]
    public void WarnThresholds_AreClampedToTheirCaps()
    {
        ExecCaps caps = AclLoader.Parse(
            "[exec]\nenabled = true\nmax_stdout_bytes = 10\nwarn_stdout_bytes = 99\nmax_stderr_bytes = 7\nwarn_stderr_bytes = 8\nmax_duration_secs = 5\nwarn_duration_secs = 60\n",
            Src).Caps;
        Assert.Equal(10, caps.WarnStdoutBytes);
        Assert.Equal(7, caps.WarnStderrBytes);
        Assert.Equal(5, caps.WarnDurationSecs);
    }

    [Fact]
    public void ZeroWarnThresholds_AreAllowed()
    {
        ExecCaps caps = AclLoader.Parse("[exec]\nenabled = true\nwarn_stdout_bytes = 0\nwarn_duration_secs = 0\n", Src).Caps;
        Assert.Equal(0, caps.WarnStdoutBytes);
        Assert.Equal(0, caps.WarnDurationSecs);
    }

    [Fact]
    public void VigilAdditions_AreRead()
    {
        string sha = new('A', 64);
        ExecPolicy policy = AclLoader.Parse(
            OneEntry(
                "audit_failure = \"continue\"\ndefault_cwd = \"/srv\"\naudit_log_path = \"/tmp/a.log\"\naudit_tasklist_id = \"t\"\nmax_stdin_bytes = 5000000\n",
                "diagnostics = true\n",
                $"[[exec.allow.commands]]\nargv = [\"echo\", \"ok\"]\nsha256 = \"{sha}\"\n"),
            Src);
        Assert.Equal(AuditFailureMode.Continue, policy.AuditFailure);
        Assert.Equal("/srv", policy.DefaultCwd);
        Assert.Equal("/tmp/a.log", policy.AuditLogPath);
        Assert.Equal("t", policy.AuditTasklistId);
        Assert.Equal(5_000_000, policy.Caps.MaxStdinBytes);
        Assert.Equal(new string('a', 64), policy.Entries[0].Commands[0].Sha256);
        Assert.True(policy.Entries[0].Diagnostics);
    }

    [Fact]
    public void Ids_AreStoredLowercase()
    {
        ExecPolicy policy = AclLoader.Parse(
            $"[exec]\nenabled = true\n[[exec.allow]]\nagent_id = \"{new string('A', 64)}\"\nmachine_id = \"{new string('B', 32) + new string('c', 32)}\"\n[[exec.allow.commands]]\nargv = [\"x\"]\n",
            Src);
        Assert.Equal(new string('a', 64), policy.Entries[0].AgentId);
        Assert.Equal(new string('b', 32) + new string('c', 32), policy.Entries[0].MachineId);
    }

    [Fact]
    public void InlineArraysOfTables_AreAccepted()
    {
        ExecPolicy policy = AclLoader.Parse(
            $"[exec]\nenabled = true\nallow = [{{ agent_id = \"{AclText.Agent}\", machine_id = \"{AclText.Machine}\", commands = [{{ argv = [\"a\"] }}, {{ argv = [\"b\"] }}] }}]\n",
            Src);
        Assert.Equal(1, policy.Summary.AllowEntryCount);
        Assert.Equal(2, policy.Summary.CommandEntryCount);
    }

    // ---- must fail (§12.1, §12.2, §12.13) ----

    [Theory]
    [InlineData("<ANY>")]
    [InlineData("<int>")]
    [InlineData("x<INT>")]
    [InlineData("<INT>x")]
    [InlineData("a>b")]
    [InlineData("http://h<X><URL_PATH>")]
    public void UnknownTemplate_IsRefused(string token)
    {
        AclException ex = Refused(OneEntry(commands: $"[[exec.allow.commands]]\nargv = [\"echo\", {AclText.Quote(token)}]\n"));
        Assert.Equal(AclErrorKind.Invalid, ex.Kind);
        Assert.Contains("unsupported template", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"allow[0].commands[0] has unsupported template token in {AclText.Quote(token)}", ex.Message, StringComparison.Ordinal);
        Assert.Equal("exec.allow[0].commands[0].argv[1]", ex.KeyPath);
        Assert.Equal(0, ex.EntryIndex);
        Assert.Equal(0, ex.CommandIndex);
    }

    [Fact]
    public void EmptyArgv_IsRefused()
    {
        AclException ex = Refused(OneEntry(commands: "[[exec.allow.commands]]\nargv = []\n"));
        Assert.Contains("allow[0].commands[0].argv must not be empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EntryWithoutCommands_IsRefused()
    {
        AclException ex = Refused(OneEntry(commands: string.Empty));
        Assert.Equal(AclErrorKind.Invalid, ex.Kind);
        Assert.Contains("allow[0] must contain at least one command", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShortAgentId_IsRefusedWithByteCount()
    {
        AclException ex = Refused(OneEntry().Replace(AclText.Agent, AclText.Agent[..62], StringComparison.Ordinal));
        Assert.Equal($"{Src}: exec.allow[0].agent_id: expected 32 bytes / 64 hex chars, got 31 bytes", ex.Message);
    }

    [Fact]
    public void LongMachineId_IsRefusedWithByteCount()
    {
        // Exactly 32 bytes (reference §3.3): a 66-digit id is not accepted just because its first 64 digits match.
        AclException ex = Refused(OneEntry().Replace(AclText.Machine, AclText.Machine + "02", StringComparison.Ordinal));
        Assert.Equal(AclErrorKind.Invalid, ex.Kind);
        Assert.Equal($"{Src}: exec.allow[0].machine_id: expected 32 bytes / 64 hex chars, got 33 bytes", ex.Message);
    }

    [Fact]
    public void NonHexMachineId_IsRefusedWithPosition()
    {
        AclException ex = Refused(OneEntry().Replace(AclText.Machine, new string('z', 64), StringComparison.Ordinal));
        Assert.Contains("allow[0].machine_id: Invalid character 'z' at position 0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NotHexAgentId_NamesTheKey()
    {
        AclException ex = Refused(OneEntry().Replace(AclText.Agent, "not-hex", StringComparison.Ordinal));
        Assert.Contains("agent_id", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Odd number of digits", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadIdInSecondEntry_NamesThatEntry()
    {
        string second = $"\n[[exec.allow]]\nagent_id = \"{AclText.Agent}\"\nmachine_id = \"{AclText.Machine[..63]}g\"\n[[exec.allow.commands]]\nargv = [\"x\"]\n";
        AclException ex = Refused(OneEntry() + second);
        Assert.Equal(1, ex.EntryIndex);
        Assert.Contains("exec.allow[1].machine_id: Invalid character 'g' at position 63", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadSha256_IsRefused()
    {
        AclException ex = Refused(OneEntry(commands: "[[exec.allow.commands]]\nargv = [\"x\"]\nsha256 = \"abc\"\n"));
        Assert.Equal("exec.allow[0].commands[0].sha256", ex.KeyPath);
        Assert.Contains("Odd number of digits", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("max_stdout_bytes")]
    [InlineData("max_stderr_bytes")]
    [InlineData("max_stdin_bytes")]
    [InlineData("max_duration_secs")]
    [InlineData("max_concurrent_per_agent")]
    [InlineData("max_concurrent_total")]
    public void ZeroCap_IsRefused(string key)
    {
        AclException ex = Refused(OneEntry($"{key} = 0\n"));
        Assert.Equal(AclErrorKind.Invalid, ex.Kind);
        Assert.Equal("exec." + key, ex.KeyPath);
        Assert.Contains("all exec caps must be positive", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PerAgentAboveTotal_IsRefused()
    {
        AclException ex = Refused(OneEntry("max_concurrent_per_agent = 5\nmax_concurrent_total = 4\n"));
        Assert.Contains("max_concurrent_per_agent must be <= max_concurrent_total", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("max_duration_secs = -1", "exec.max_duration_secs")]
    [InlineData("max_stdout_bytes = \"16\"", "exec.max_stdout_bytes")]
    [InlineData("max_stdin_bytes = 1.5", "exec.max_stdin_bytes")]
    [InlineData("max_concurrent_total = 4294967296", "exec.max_concurrent_total")]
    [InlineData("default_cwd = 1", "exec.default_cwd")]
    [InlineData("audit_failure = \"ignore\"", "exec.audit_failure")]
    public void WrongType_IsParseError(string line, string keyPath)
    {
        AclException ex = Refused(OneEntry(line + "\n"));
        Assert.Equal(AclErrorKind.Parse, ex.Kind);
        Assert.Equal(keyPath, ex.KeyPath);
        Assert.StartsWith($"{Src}: {keyPath}: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnabledAsString_IsParseError_EvenThoughItLooksTrue()
    {
        AclException ex = Refused("[exec]\nenabled = \"true\"\n");
        Assert.Equal("exec.enabled", ex.KeyPath);
        Assert.Contains("expected a boolean", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownKeyInExec_IsParseError()
    {
        AclException ex = Refused("[exec]\nenabled = true\nenable = true\n");
        Assert.Equal(AclErrorKind.Parse, ex.Kind);
        Assert.Equal("exec.enable", ex.KeyPath);
        Assert.Contains("unknown key \"enable\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownKeyErrors_ListExactlyTheDocumentedKeys()
    {
        // Reference §3.3 tables plus design/exec.md's additions (audit_failure, diagnostics, sha256): nothing else is
        // accepted, so a key list that grew silently would let a typo or an unsupported option through.
        string[] exec =
        [
            "enabled", "max_stdout_bytes", "max_stderr_bytes", "max_stdin_bytes", "max_duration_secs",
            "max_concurrent_per_agent", "max_concurrent_total", "warn_stdout_bytes", "warn_stderr_bytes",
            "warn_duration_secs", "default_cwd", "audit_log_path", "audit_tasklist_id", "audit_failure", "allow",
        ];
        string[] entry = ["description", "agent_id", "machine_id", "max_duration_secs", "diagnostics", "commands"];
        string[] command = ["argv", "sha256"];

        Assert.Equal(exec.Order(StringComparer.Ordinal), ListedKeys(Refused("[exec]\nenabled = true\nbogus = 1\n")));
        Assert.Equal(entry.Order(StringComparer.Ordinal), ListedKeys(Refused(OneEntry(entryExtra: "bogus = 1\n"))));
        Assert.Equal(
            command.Order(StringComparer.Ordinal),
            ListedKeys(Refused(OneEntry(commands: "[[exec.allow.commands]]\nargv = [\"x\"]\nbogus = 1\n"))));

        static IEnumerable<string> ListedKeys(AclException ex)
        {
            const string marker = "expected one of: ";
            int at = ex.Reason.IndexOf(marker, StringComparison.Ordinal);
            Assert.True(at >= 0, ex.Reason);
            return ex.Reason[(at + marker.Length)..].Split(", ").Order(StringComparer.Ordinal);
        }
    }

    [Fact]
    public void UnknownKeyInAllowEntry_IsParseError_EvenWhenDisabled()
    {
        AclException ex = Refused(OneEntry(entryExtra: "comand = \"typo\"\n").Replace("enabled = true", "enabled = false", StringComparison.Ordinal));
        Assert.Equal("exec.allow[0].comand", ex.KeyPath);
        Assert.Equal(0, ex.EntryIndex);
    }

    [Fact]
    public void ArgsInsteadOfArgv_IsParseError()
    {
        AclException ex = Refused(OneEntry(commands: "[[exec.allow.commands]]\nargs = [\"x\"]\n"));
        Assert.Equal(AclErrorKind.Parse, ex.Kind);
        Assert.Equal("exec.allow[0].commands[0].args", ex.KeyPath);
        Assert.Equal(0, ex.CommandIndex);
    }

    [Fact]
    public void NonStringArgvElement_IsParseError()
    {
        AclException ex = Refused(OneEntry(commands: "[[exec.allow.commands]]\nargv = [\"x\", 5]\n"));
        Assert.Equal("exec.allow[0].commands[0].argv[1]", ex.KeyPath);
    }

    [Fact]
    public void ExecNotATable_IsParseError()
    {
        AclException ex = Refused("exec = true\n");
        Assert.Equal("exec", ex.KeyPath);
    }

    [Fact]
    public void RedefinedExecTable_IsRefused_NotLastWins()
    {
        // A second [exec] must not be able to flip enabled = false into true.
        AclException ex = Refused("[exec]\nenabled = false\n[exec]\nenabled = true\n");
        Assert.Equal(AclErrorKind.Parse, ex.Kind);
    }

    [Fact]
    public void DuplicateKey_IsRefused()
    {
        AclException ex = Refused("[exec]\nenabled = false\nenabled = true\n");
        Assert.Equal(AclErrorKind.Parse, ex.Kind);
        Assert.Equal(3, ex.Line);
    }

    [Fact]
    public void DeepNesting_IsRefusedNotCrashed()
    {
        AclException ex = Refused("a = " + new string('[', 100_000) + new string(']', 100_000));
        Assert.Equal(AclErrorKind.Parse, ex.Kind);
    }

    [Fact]
    public void Messages_AreOneLine()
    {
        AclException ex = Refused(OneEntry(commands: "[[exec.allow.commands]]\nargv = [\"a\\n<b>\"]\n"));
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Contains("\"a\\n<b>\"", ex.Message, StringComparison.Ordinal);
    }

    // ---- the shipped sample ----

    [Fact]
    public void Sample_Loads_AsDocumented()
    {
        string path = Path.Combine(AclText.RepoRoot(), "samples", "exec-acl.toml");
        ExecPolicy policy = AclLoader.Load(path);
        Assert.True(policy.Enabled);
        Assert.Equal(2, policy.Summary.AllowEntryCount);
        Assert.True(policy.Summary.CommandEntryCount >= 4);
        Assert.Equal(1, policy.Summary.DiagnosticsEntryCount);
        IEnumerable<ArgvToken> tokens = policy.Entries.SelectMany(e => e.Commands).SelectMany(c => c.Argv);
        Assert.Contains(tokens, t => t.Kind == ArgvTokenKind.Int);
        Assert.Contains(tokens, t => t.Kind == ArgvTokenKind.LiteralWithUrlPathSuffix);
        Assert.Contains(policy.Entries.SelectMany(e => e.Commands), c => c.Sha256 is not null);
    }

    private sealed class FixedTime(long unixMs) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(unixMs);
    }
}
