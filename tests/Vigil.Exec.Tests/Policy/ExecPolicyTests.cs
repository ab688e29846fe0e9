using Vigil.Exec.Policy;

namespace Vigil.Exec.Tests.Policy;

/// <summary>The decision function: order of checks, denial vectors, effective caps (reference x0x §6.2, §12.2, §12.13).</summary>
public sealed class ExecPolicyTests
{
    private const string Src = "/test/exec-acl.toml";

    // §12.2 fixture: enabled, max_duration_secs=30, per-agent 2, total 4, alice@laptop, agent 01×32, machine 02×32.
    private static readonly ExecPolicy Fixture = AclLoader.Parse(
        AclText.Enabled(
            "max_duration_secs = 30\nmax_concurrent_per_agent = 2\nmax_concurrent_total = 4\n",
            string.Empty,
            ["systemctl", "status", "x0xd"],
            ["journalctl", "-u", "x0xd", "-n", "<INT>"],
            ["curl", "-s", "http://127.0.0.1:12600<URL_PATH>"],
            ["echo", "ok"]),
        Src);

    private static PolicyDecision Run(ExecPolicy policy, string[] argv, long stdin = 0, uint timeoutMs = 1000, bool cwd = false,
        string? agent = null, string? machine = null)
        => policy.Evaluate(agent ?? AclText.Agent, machine ?? AclText.Machine, new PolicyRequest(argv, stdin, timeoutMs, cwd));

    private static DenialReason? Reason(ExecPolicy policy, string[] argv, long stdin = 0, uint timeoutMs = 1000, bool cwd = false,
        string? agent = null, string? machine = null)
        => Run(policy, argv, stdin, timeoutMs, cwd, agent, machine).Denial;

    [Fact]
    public void ExactMatch_AcceptsOnlyIdenticalArgv_FromTheExactPair()
    {
        Assert.True(Run(Fixture, ["systemctl", "status", "x0xd"]).IsAllowed);
        Assert.Equal(DenialReason.ArgvNotAllowed, Reason(Fixture, ["systemctl", "status", "x0xd", "--no-pager"]));
        Assert.Equal(DenialReason.AgentMachineNotInAcl, Reason(Fixture, ["systemctl", "status", "x0xd"], machine: AclText.OtherMachine));
        Assert.Equal(DenialReason.AgentMachineNotInAcl, Reason(Fixture, ["systemctl", "status", "x0xd"], agent: AclText.Machine, machine: AclText.Agent));
    }

    [Fact]
    public void PairIds_AreMatchedInAnyCase()
    {
        string upperAgent = new string('A', 64);
        ExecPolicy policy = AclLoader.Parse(AclText.Enabled(commands: [["echo", "ok"]]).Replace(AclText.Agent, new string('a', 64), StringComparison.Ordinal), Src);
        Assert.True(Run(policy, ["echo", "ok"], agent: upperAgent).IsAllowed);
        Assert.True(Run(policy, ["echo", "ok"], agent: new string('a', 64)).IsAllowed);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("100", true)]
    [InlineData("12345", true)]
    [InlineData("999999", true)]
    [InlineData("0", false)]
    [InlineData("-1", false)]
    [InlineData("01", false)]
    [InlineData("1000000", false)]
    [InlineData("1e5", false)]
    [InlineData("1.0", false)]
    public void IntTemplate_IsRestrictive(string n, bool allowed)
    {
        PolicyDecision decision = Run(Fixture, ["journalctl", "-u", "x0xd", "-n", n]);
        Assert.Equal(allowed, decision.IsAllowed);
        if (!allowed)
        {
            Assert.Equal(DenialReason.ArgvNotAllowed, decision.Denial);
        }
    }

    [Fact]
    public void IntTemplate_TokenWithMetachar_IsMetacharDenial()
    {
        Assert.Equal(DenialReason.ShellMetacharInArgv, Reason(Fixture, ["journalctl", "-u", "x0xd", "-n", "5`a"]));
    }

    [Theory]
    [InlineData("http://127.0.0.1:12600/health", null)]
    [InlineData("http://127.0.0.1:12600/foo/bar", null)]
    [InlineData("http://127.0.0.1:12600/foo_bar-1.2", null)]
    [InlineData("http://127.0.0.1:12600/..", DenialReason.ArgvNotAllowed)]
    [InlineData("http://127.0.0.1:12600/foo bar", DenialReason.ArgvNotAllowed)]
    [InlineData("http://127.0.0.1:12600/foo;ls", DenialReason.ShellMetacharInArgv)]
    [InlineData("http://127.0.0.1:12600health", DenialReason.ArgvNotAllowed)]
    public void UrlPathTemplate_AcceptsOnlySafePaths(string url, DenialReason? expected) =>
        Assert.Equal(expected, Reason(Fixture, ["curl", "-s", url]));

    [Theory]
    [InlineData(new[] { "echo", "ok", "x" }, DenialReason.ArgvNotAllowed)]
    [InlineData(new[] { "echo ok" }, DenialReason.ArgvNotAllowed)]
    [InlineData(new[] { "ECHO", "ok" }, DenialReason.ArgvNotAllowed)]
    [InlineData(new[] { "echo", "ok\r" }, DenialReason.ArgvNotAllowed)]
    [InlineData(new[] { "echo", "a>b" }, DenialReason.ShellMetacharInArgv)]
    [InlineData(new[] { "echo", "a\0b" }, DenialReason.ShellMetacharInArgv)]
    [InlineData(new[] { "/bin/echo", "ok" }, DenialReason.ArgvNotAllowed)]
    [InlineData(new[] { "echo", "hello;rm" }, DenialReason.ShellMetacharInArgv)]
    [InlineData(new string[0], DenialReason.ArgvNotAllowed)]
    public void DeniedArgv(string[] argv, DenialReason expected) => Assert.Equal(expected, Reason(Fixture, argv));

    [Fact]
    public void MetacharInAllowlistedLiteral_StillDenies()
    {
        // The ACL literal parses, but the request token can never get past the metacharacter screen.
        ExecPolicy policy = AclLoader.Parse(AclText.Enabled(commands: [["echo", "a;b"], ["sh", "$HOME"], ["x", "a|b"]]), Src);
        Assert.Equal(DenialReason.ShellMetacharInArgv, Reason(policy, ["echo", "a;b"]));
        Assert.Equal(DenialReason.ShellMetacharInArgv, Reason(policy, ["sh", "$HOME"]));
        Assert.Equal(DenialReason.ShellMetacharInArgv, Reason(policy, ["x", "a|b"]));
    }

    [Fact]
    public void CheckOrder_MetacharBeforeMembership()
    {
        string unknown = new('9', 64);
        Assert.Equal(DenialReason.ShellMetacharInArgv, Reason(Fixture, ["x;y"], agent: unknown, machine: unknown));
    }

    [Fact]
    public void CheckOrder_CwdBeforeMembershipAndMetachar()
    {
        string unknown = new('9', 64);
        Assert.Equal(DenialReason.CwdNotAllowed, Reason(Fixture, ["echo", "ok"], cwd: true, agent: unknown, machine: unknown));
        Assert.Equal(DenialReason.CwdNotAllowed, Reason(Fixture, ["x;y"], cwd: true));
        Assert.Equal(DenialReason.CwdNotAllowed, Reason(Fixture, ["echo", "ok"], cwd: true));
    }

    [Fact]
    public void CheckOrder_EmptyArgvBeforeCwd()
    {
        Assert.Equal(DenialReason.ArgvNotAllowed, Reason(Fixture, [], cwd: true));
    }

    [Fact]
    public void CheckOrder_DisabledBeforeEverything()
    {
        ExecPolicy disabled = AclLoader.Parse("[exec]\nenabled = false\n", Src);
        Assert.Equal(DenialReason.ExecDisabled, Reason(disabled, [], cwd: true));
        Assert.Equal(DenialReason.ExecDisabled, Reason(disabled, ["x;y"]));
        Assert.Equal(DenialReason.ExecDisabled, Reason(ExecPolicy.NotConfigured, ["echo", "ok"]));
    }

    [Fact]
    public void CheckOrder_ArgvBeforeStdinBeforeTimeout()
    {
        ExecPolicy policy = AclLoader.Parse(AclText.Enabled("max_stdin_bytes = 10\nmax_duration_secs = 5\n", string.Empty, ["echo", "ok"]), Src);
        Assert.Equal(DenialReason.ArgvNotAllowed, Reason(policy, ["echo", "no"], stdin: 11, timeoutMs: 60_000));
        Assert.Equal(DenialReason.StdinTooLarge, Reason(policy, ["echo", "ok"], stdin: 11, timeoutMs: 60_000));
        Assert.Equal(DenialReason.TimeoutTooLarge, Reason(policy, ["echo", "ok"], stdin: 10, timeoutMs: 60_000));
        Assert.True(Run(policy, ["echo", "ok"], stdin: 10, timeoutMs: 5000).IsAllowed);
    }

    [Fact]
    public void StdinLimit_IsTheRealAclValue()
    {
        ExecPolicy policy = AclLoader.Parse(AclText.Enabled("max_stdin_bytes = 4194304\n", string.Empty, ["cat"]), Src);
        Assert.True(Run(policy, ["cat"], stdin: 4_194_304).IsAllowed);
        Assert.Equal(DenialReason.StdinTooLarge, Reason(policy, ["cat"], stdin: 4_194_305));
    }

    [Theory]
    [InlineData(0u, true, 1L)]
    [InlineData(1u, true, 1L)]
    [InlineData(999u, true, 1L)]
    [InlineData(1001u, true, 2L)]
    [InlineData(3000u, true, 3L)]
    [InlineData(3001u, false, 0L)]
    [InlineData(30000u, false, 0L)]
    [InlineData(uint.MaxValue, false, 0L)]
    public void Timeout_EntryMax3_Global5(uint timeoutMs, bool allowed, long durationCap)
    {
        ExecPolicy policy = AclLoader.Parse(AclText.Enabled("max_duration_secs = 5\n", "max_duration_secs = 3\n", ["echo", "ok"]), Src);
        PolicyDecision decision = Run(policy, ["echo", "ok"], timeoutMs: timeoutMs);
        Assert.Equal(allowed, decision.IsAllowed);
        if (allowed)
        {
            Assert.Equal(durationCap, decision.Caps!.DurationCapSecs);
            Assert.Equal(3, decision.Caps.MaxDurationSecs);
        }
        else
        {
            Assert.Equal(DenialReason.TimeoutTooLarge, decision.Denial);
        }
    }

    [Fact]
    public void EntryMaxAboveGlobal_IsCappedByGlobal()
    {
        ExecPolicy policy = AclLoader.Parse(AclText.Enabled("max_duration_secs = 5\n", "max_duration_secs = 600\n", ["echo", "ok"]), Src);
        Assert.Equal(5, Run(policy, ["echo", "ok"], timeoutMs: 5000).Caps!.MaxDurationSecs);
        Assert.Equal(DenialReason.TimeoutTooLarge, Reason(policy, ["echo", "ok"], timeoutMs: 5001));
    }

    [Fact]
    public void EntryMaxZero_OnlyTimeoutZeroRuns_WithOneSecondCap()
    {
        ExecPolicy policy = AclLoader.Parse(AclText.Enabled(string.Empty, "max_duration_secs = 0\n", ["echo", "ok"]), Src);
        Assert.Equal(1, Run(policy, ["echo", "ok"], timeoutMs: 0).Caps!.DurationCapSecs);
        Assert.Equal(DenialReason.TimeoutTooLarge, Reason(policy, ["echo", "ok"], timeoutMs: 1));
    }

    [Fact]
    public void Allow_CarriesEffectiveCaps()
    {
        string sha = new('B', 64);
        string toml = AclText.Enabled(
            "max_stdout_bytes = 100\nmax_stderr_bytes = 200\nwarn_stdout_bytes = 150\nwarn_stderr_bytes = 50\nwarn_duration_secs = 9\nmax_duration_secs = 20\ndefault_cwd = \"/srv\"\n",
            "diagnostics = true\n",
            ["echo", "ok"]) + $"[[exec.allow.commands]]\nargv = [\"/usr/bin/uptime\"]\nsha256 = \"{sha}\"\n";
        ExecPolicy policy = AclLoader.Parse(toml, Src);

        EffectiveCaps caps = Run(policy, ["/usr/bin/uptime"], timeoutMs: 2500).Caps!;
        Assert.Equal(new EffectiveCaps(
            MaxStdoutBytes: 100,
            MaxStderrBytes: 200,
            WarnStdoutBytes: 100,
            WarnStderrBytes: 50,
            WarnDurationSecs: 9,
            MaxDurationSecs: 20,
            DurationCapSecs: 3,
            ExpectedSha256: new string('b', 64),
            Diagnostics: true,
            Description: "alice@laptop",
            DefaultCwd: "/srv",
            EntryIndex: 0,
            CommandIndex: 1), caps);

        Assert.Null(Run(policy, ["echo", "ok"]).Caps!.ExpectedSha256);
    }

    [Fact]
    public void FirstMatchWins_AcrossEntriesOfTheSamePair()
    {
        string entry2 = $"\n[[exec.allow]]\ndescription = \"second\"\nagent_id = \"{AclText.Agent}\"\nmachine_id = \"{AclText.Machine}\"\nmax_duration_secs = 100\n[[exec.allow.commands]]\nargv = [\"echo\", \"ok\"]\n[[exec.allow.commands]]\nargv = [\"only\", \"second\"]\n";
        ExecPolicy policy = AclLoader.Parse(AclText.Enabled("max_duration_secs = 200\n", "max_duration_secs = 10\n", ["echo", "<INT>"], ["echo", "ok"]) + entry2, Src);

        EffectiveCaps first = Run(policy, ["echo", "ok"]).Caps!;
        Assert.Equal((0, 1, "alice@laptop", 10L), (first.EntryIndex, first.CommandIndex, first.Description, first.MaxDurationSecs));

        EffectiveCaps second = Run(policy, ["only", "second"], timeoutMs: 50_000).Caps!;
        Assert.Equal((1, 1, "second", 100L), (second.EntryIndex, second.CommandIndex, second.Description, second.MaxDurationSecs));

        // The first matching entry's ceiling applies even if a later entry would allow the timeout.
        Assert.Equal(DenialReason.TimeoutTooLarge, Reason(policy, ["echo", "ok"], timeoutMs: 50_000));
    }

    [Fact]
    public void FirstMatchWins_WithinOneEntry()
    {
        // Reference §3.5: "within each entry in command order, the first command that matches wins"; both commands
        // match ["echo", "7"], and only the first one's pinned digest may be enforced.
        string digestA = new('a', 64);
        string digestB = new('b', 64);
        string acl = AclText.Enabled(string.Empty, string.Empty, ["echo", "<INT>"], ["echo", "7"])
            .Replace("argv = [\"echo\", \"<INT>\"]", $"argv = [\"echo\", \"<INT>\"]\nsha256 = \"{digestA}\"", StringComparison.Ordinal)
            .Replace("argv = [\"echo\", \"7\"]", $"argv = [\"echo\", \"7\"]\nsha256 = \"{digestB}\"", StringComparison.Ordinal);
        ExecPolicy policy = AclLoader.Parse(acl, Src);

        EffectiveCaps caps = Run(policy, ["echo", "7"]).Caps!;
        Assert.Equal((0, 0, digestA), (caps.EntryIndex, caps.CommandIndex, caps.ExpectedSha256));
    }

    [Fact]
    public void AllowsDiagnostics_OnlyForFlaggedPair()
    {
        ExecPolicy flagged = AclLoader.Parse(AclText.Enabled(string.Empty, "diagnostics = true\n", ["echo", "ok"]), Src);
        Assert.True(flagged.AllowsDiagnostics(AclText.Agent, AclText.Machine));
        Assert.True(flagged.AllowsDiagnostics(AclText.Agent.ToUpperInvariant(), AclText.Machine));
        Assert.False(flagged.AllowsDiagnostics(AclText.Agent, AclText.OtherMachine));
        Assert.False(Fixture.AllowsDiagnostics(AclText.Agent, AclText.Machine));
        Assert.False(Run(Fixture, ["echo", "ok"]).Caps!.Diagnostics);
    }

    [Fact]
    public void Summary_HasCountsAndCaps_ButNoIdsOrArgv()
    {
        AclSummary summary = Fixture.Summary;
        Assert.True(summary.Enabled);
        Assert.Equal(Src, summary.LoadedFrom);
        Assert.Equal(1, summary.AllowEntryCount);
        Assert.Equal(4, summary.CommandEntryCount);
        Assert.Null(summary.DisabledReason);
        Assert.Equal(30, summary.Caps!.MaxDurationSecs);

        string text = summary.ToString();
        Assert.DoesNotContain(AclText.Agent, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(AclText.Machine, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("journalctl", text, StringComparison.Ordinal);
        Assert.DoesNotContain("alice", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_OfDisabledPolicy_HasReasonAndZeroCounts()
    {
        AclSummary summary = AclLoader.Parse("[exec]\n", Src).Summary;
        Assert.False(summary.Enabled);
        Assert.Equal("exec_disabled", summary.DisabledReason);
        Assert.Equal((0, 0), (summary.AllowEntryCount, summary.CommandEntryCount));
        Assert.Null(summary.Caps);
    }
}
