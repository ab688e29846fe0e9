using CsCheck;
using Vigil.Exec.Policy;

namespace Vigil.Exec.Tests.Policy;

/// <summary>Property tests: the matcher and the loader hold their guarantees on generated input, not just on vectors.</summary>
public sealed class PolicyPropertyTests
{
    private const int Iterations = 400;
    private const string Metachars = ShellMetachar.Characters;
    private const string SafeChars = "abcXYZ019/._- \r\t'\"()*?~!{}\\#:=%";

    private static readonly Gen<string> SafeToken = Gen.Char[SafeChars].Array[0, 10].Select(a => new string(a));

    /// <summary>A token with at least one metacharacter somewhere in it.</summary>
    private static readonly Gen<string> DirtyToken =
        Gen.Select(SafeToken, Gen.Char[Metachars], Gen.Int[0, 10])
            .Select((s, m, at) => s.Insert(Math.Min(at, s.Length), m.ToString()));

    private static readonly Gen<ArgvToken> PatternToken = Gen.OneOf(
        SafeToken.Select(t => new ArgvToken(ArgvTokenKind.Literal, t)),
        Gen.Const(new ArgvToken(ArgvTokenKind.Int, string.Empty)),
        Gen.Const(new ArgvToken(ArgvTokenKind.UrlPath, string.Empty)),
        Gen.Char["abc:/."].Array[0, 6].Select(a => new ArgvToken(ArgvTokenKind.LiteralWithUrlPathSuffix, new string(a))));

    private static ExecPolicy PolicyWith(params IReadOnlyList<ArgvToken>[] commands) => new(
        enabled: true,
        disabledReason: null,
        "/prop/exec-acl.toml",
        0,
        ExecCaps.Default,
        AuditFailureMode.Deny,
        defaultCwd: null,
        ExecPolicy.DefaultAuditLogPath,
        auditTasklistId: null,
        [new AllowEntry(0, null, AclText.Agent, AclText.Machine, null, false, [.. commands.Select(c => new AclCommand(c, null))])]);

    /// <summary>A request token that the given pattern token accepts.</summary>
    private static string Satisfying(ArgvToken t) => t.Kind switch
    {
        ArgvTokenKind.Literal => t.Text,
        ArgvTokenKind.Int => "42",
        ArgvTokenKind.UrlPath => "/health",
        _ => t.Text + "/health",
    };

    [Fact]
    public void MetacharToken_IsNeverAllowed_EvenWhenTheAclLiteralIsIdentical()
    {
        Gen.Select(SafeToken.Array[0, 4], DirtyToken, Gen.Int[0, 4])
            .Sample(
                (clean, dirty, at) =>
                {
                    string[] argv = [.. clean];
                    argv = [.. argv[..Math.Min(at, argv.Length)], dirty, .. argv[Math.Min(at, argv.Length)..]];

                    // The most permissive ACL imaginable for this argv: itself, verbatim, plus templates at the dirty spot.
                    ArgvToken[] verbatim = [.. argv.Select(a => new ArgvToken(ArgvTokenKind.Literal, a))];
                    ArgvToken[] templated = [.. verbatim];
                    templated[Array.IndexOf(argv, dirty)] = new ArgvToken(ArgvTokenKind.UrlPath, string.Empty);
                    ExecPolicy policy = PolicyWith(verbatim, templated);

                    PolicyDecision decision = policy.Evaluate(AclText.Agent, AclText.Machine, new PolicyRequest(argv, 0, 1000, false));
                    Assert.False(decision.IsAllowed);
                    Assert.Equal(DenialReason.ShellMetacharInArgv, decision.Denial);
                },
                iter: Iterations);
    }

    [Fact]
    public void Templates_NeverAcceptAMetacharToken()
    {
        Gen.Select(DirtyToken, Gen.Char["abc:/."].Array[0, 6])
            .Sample(
                (dirty, prefix) =>
                {
                    Assert.False(ArgvMatcher.IsInt(dirty));
                    Assert.False(ArgvMatcher.IsUrlPath(dirty));
                    Assert.False(ArgvMatcher.TokenMatches(new ArgvToken(ArgvTokenKind.LiteralWithUrlPathSuffix, new string(prefix)), dirty));
                },
                iter: Iterations);
    }

    [Fact]
    public void ArgvOfAnotherLength_NeverMatches_EvenIfEveryOverlappingPositionWould()
    {
        Gen.Select(PatternToken.Array[1, 6], Gen.Int[0, 9])
            .Where((pattern, length) => length != pattern.Length)
            .Sample(
                (pattern, length) =>
                {
                    // Every position the two share is satisfied; only the length differs.
                    string[] argv = [.. Enumerable.Range(0, length).Select(i => Satisfying(pattern[Math.Min(i, pattern.Length - 1)]))];
                    string[] exact = [.. pattern.Select(Satisfying)];
                    Assert.True(ArgvMatcher.Matches(pattern, exact));
                    Assert.False(ArgvMatcher.Matches(pattern, argv));
                },
                iter: Iterations);
    }

    [Fact]
    public void EntryNeverAllowsALengthNoneOfItsCommandsHas()
    {
        Gen.Select(PatternToken.Array[1, 5].Array[1, 4], Gen.Int[0, 8])
            .Where((commands, length) => commands.All(c => c.Length != length))
            .Sample(
                (commands, length) =>
                {
                    ExecPolicy policy = PolicyWith(commands);
                    string[] argv = [.. Enumerable.Range(0, length).Select(i => Satisfying(commands[0][Math.Min(i, commands[0].Length - 1)]))];
                    PolicyDecision decision = policy.Evaluate(AclText.Agent, AclText.Machine, new PolicyRequest(argv, 0, 1000, false));
                    Assert.False(decision.IsAllowed);
                },
                iter: Iterations);
    }

    private static readonly string[] Fragments =
    [
        "[exec]", "[[exec.allow]]", "[[exec.allow.commands]]", "[connect]", "[exec.allow]", "[[exec]]",
        "enabled = true", "enabled = false", "enabled = \"yes\"", "enable = true",
        $"agent_id = \"{AclText.Agent}\"", $"machine_id = \"{AclText.Machine}\"", "agent_id = \"zz\"", "machine_id = 5",
        "argv = [\"echo\", \"ok\"]", "argv = [\"<INT>\"]", "argv = [\"x<URL_PATH>\"]", "argv = [\"<ANY>\"]", "argv = []", "argv = [1, 2]",
        "argv = \"echo\"", "sha256 = \"abc\"", $"sha256 = \"{new string('f', 64)}\"", "diagnostics = true", "diagnostics = 1",
        "max_stdout_bytes = 0", "max_stdin_bytes = -1", "max_duration_secs = 9223372036854775807", "max_concurrent_total = 4294967296",
        "max_concurrent_per_agent = 9", "warn_stdout_bytes = 1.5", "audit_failure = \"continue\"", "audit_failure = \"x\"",
        "allow = 5", "allow = []", "allow = [1]", "commands = [{argv=[\"a\"]}]", "commands = {}", "exec = {}", "exec = 1",
        "exec.enabled = true", "description = '''multi\nline'''", "x = 1979-05-27T07:32:00Z", "y = inf", "z = [[1], [\"a\"]]",
        "= = [", "\"", "[", "]", "{", "}", "#", "\\u0000", "\0", "a.b.c = {d = [", "'''", "\"\"\"", "\uFEFF", "\u00e9", "\uD800",
    ];

    private static readonly Gen<string> TomlIsh =
        Gen.Frequency(
                (6, Gen.OneOf(Fragments)),
                (1, Gen.Char.Array[0, 12].Select(a => new string(a))),
                (1, Gen.Char["[]{}=\"'.,#\n abc0<>"].Array[0, 12].Select(a => new string(a))))
            .Array[0, 16]
            .Select(Gen.OneOf("\n", " ", "\n\n", ""), (parts, sep) => string.Join(sep, parts));

    private static readonly string[] ExecLines =
    [
        "enabled = true", "enabled = true", "enabled = false", "enabled = 1", "max_stdout_bytes = 10", "max_stdin_bytes = -1",
        "max_concurrent_per_agent = 40", "warn_stdout_bytes = 99", "audit_failure = \"continue\"", "audit_failure = 5",
        "default_cwd = []", "allow = 5", "allow = [1]", "bogus = 1", "max_duration_secs = 1.5",
    ];

    private static readonly string[] EntryLines =
    [
        "description = \"x\"", "description = 5", "max_duration_secs = 0", "max_duration_secs = \"3\"", "diagnostics = true",
        "diagnostics = \"yes\"", "commands = 5", "commands = [1]", "commands = [{argv = [\"a\"]}]", "commands = [{argv = 1}]",
        "agent_id = \"zz\"", "machine_id = 7", "agent_id = [\"a\"]", "x = 1",
    ];

    private static readonly string[] CommandLines =
    [
        "argv = [\"echo\", \"ok\"]", "argv = []", "argv = [1, 2]", "argv = \"echo\"", "argv = [[\"nested\"]]",
        "argv = [\"<INT>\", \"<URL_PATH>\", \"p<URL_PATH>\"]", "argv = [\"<ANY>\"]", "argv = [{a = 1}]",
        $"sha256 = \"{new string('F', 64)}\"", "sha256 = 5", "sha256 = \"abc\"", "extra = 1",
    ];

    /// <summary>
    /// Mostly well-shaped ACLs with a few wrong lines in each table, so the schema walk is reached at every depth
    /// (a soup of fragments rarely gets past the first table).
    /// </summary>
    private static readonly Gen<string> StructuredAcl =
        Gen.Select(
                Gen.OneOf(ExecLines).Array[0, 3],
                Gen.Select(
                        Gen.Int[0, 9],
                        Gen.OneOf(EntryLines).Array[0, 2],
                        Gen.Select(Gen.Int[0, 9], Gen.OneOf(CommandLines).Array[0, 2]).Array[0, 3])
                    .Array[0, 3])
            .Select((exec, entries) =>
            {
                var sb = new System.Text.StringBuilder("[exec]\nenabled = true\n");
                sb.AppendJoin('\n', exec).Append('\n');
                foreach ((int shape, string[] lines, (int, string[])[] commands) in entries)
                {
                    sb.Append("[[exec.allow]]\n");
                    if (shape != 0)
                    {
                        sb.Append("agent_id = \"").Append(AclText.Agent).Append("\"\n");
                    }

                    if (shape != 1)
                    {
                        sb.Append("machine_id = \"").Append(AclText.Machine).Append("\"\n");
                    }

                    sb.AppendJoin('\n', lines).Append('\n');
                    foreach ((int commandShape, string[] commandLines) in commands)
                    {
                        sb.Append("[[exec.allow.commands]]\n");
                        if (commandShape > 2)
                        {
                            sb.Append("argv = [\"uptime\"]\n");
                        }

                        sb.AppendJoin('\n', commandLines).Append('\n');
                    }
                }

                return sb.ToString();
            });

    [Fact]
    public void Loader_OnStructuredAcls_ThrowsOnlyAclException()
    {
        StructuredAcl.Sample(LoadsOrRefuses, iter: Iterations);
    }

    private static void LoadsOrRefuses(string text)
    {
        try
        {
            ExecPolicy policy = AclLoader.Parse(text, "/prop/exec-acl.toml");
            if (policy.Enabled)
            {
                // Whatever loads as enabled is fully validated: lowercase 64-hex ids, non-empty commands.
                Assert.All(policy.Entries, e =>
                {
                    Assert.Matches("^[0-9a-f]{64}$", e.AgentId);
                    Assert.Matches("^[0-9a-f]{64}$", e.MachineId);
                    Assert.NotEmpty(e.Commands);
                    Assert.All(e.Commands, c => Assert.NotEmpty(c.Argv));
                });
            }
        }
        catch (AclException ex)
        {
            Assert.False(string.IsNullOrWhiteSpace(ex.Reason));
            Assert.DoesNotContain('\n', ex.Message);
        }
    }

    [Fact]
    public void Loader_OnTomlIshInput_ThrowsOnlyAclException()
    {
        TomlIsh.Sample(LoadsOrRefuses, iter: Iterations);
    }

    [Fact]
    public void Loader_OnMutatedSample_ThrowsOnlyAclException()
    {
        string sample = File.ReadAllText(Path.Combine(AclText.RepoRoot(), "samples", "exec-acl.toml"));
        Gen.Select(Gen.Int[0, sample.Length - 1], Gen.Int[0, 20], Gen.Char, Gen.Int[0, 2])
            .Array[1, 8]
            .Select(edits =>
            {
                string text = sample;
                foreach ((int at, int len, char c, int op) in edits)
                {
                    int pos = Math.Min(at, text.Length);
                    int cut = Math.Min(len, text.Length - pos);
                    text = op switch
                    {
                        0 => text.Remove(pos, cut),
                        1 => text.Insert(pos, new string(c, 1 + (len % 3))),
                        _ => text.Remove(pos, cut).Insert(pos, new string(c, cut)),
                    };
                }

                return text;
            })
            .Sample(LoadsOrRefuses, iter: Iterations);
    }
}
