using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Vigil.Exec.Audit;
using Vigil.Exec.Identity;
using Vigil.Exec.Tests.Identity;
using static Vigil.Exec.Tests.Audit.AuditTestData;

namespace Vigil.Exec.Tests.Audit;

[UnsupportedOSPlatform("windows")]
public sealed class AuditLogTests
{
    private static readonly string Zeros = new('0', 64);
    private static readonly string A64 = new('a', 64);
    private static readonly string B64 = new('b', 64);
    private const string Rid = "00000000000000000000000000000007";

    private readonly ManualTimeProvider _clock = new(Epoch);

    public static TheoryData<string, string> EventsAndTheirReferenceLines() => new()
    {
        // Field names and order from reference x0x §7, then Vigil's seq and prev.
        {
            "request",
            $"{{\"event\":\"request\",\"ts_unix_ms\":{Epoch},\"request_id\":\"{Rid}\",\"agent_id\":\"{A64}\",\"machine_id\":\"{B64}\","
            + "\"argv\":[\"/bin/cat\",\"a+b <c> \\\"q\\\" \\n é\"],\"matched_acl\":\"alice local e2e\",\"stdin_bytes\":36,\"timeout_ms\":5000,"
            + $"\"seq\":0,\"prev\":\"{Zeros}\"}}"
        },
        {
            "request-unmatched",
            $"{{\"event\":\"request\",\"ts_unix_ms\":{Epoch},\"request_id\":\"{Rid}\",\"agent_id\":\"{A64}\",\"machine_id\":\"{B64}\","
            + $"\"argv\":[],\"matched_acl\":null,\"stdin_bytes\":0,\"timeout_ms\":30000,\"seq\":0,\"prev\":\"{Zeros}\"}}"
        },
        {
            "started",
            $"{{\"event\":\"started\",\"ts_unix_ms\":{Epoch},\"request_id\":\"{Rid}\",\"pid\":4242,\"seq\":0,\"prev\":\"{Zeros}\"}}"
        },
        {
            "warning-bytes",
            $"{{\"event\":\"warning\",\"ts_unix_ms\":{Epoch},\"request_id\":\"{Rid}\",\"kind\":\"stdout_cap_hit\",\"bytes\":36,\"seq\":0,\"prev\":\"{Zeros}\"}}"
        },
        {
            "warning-null",
            $"{{\"event\":\"warning\",\"ts_unix_ms\":{Epoch},\"request_id\":\"{Rid}\",\"kind\":\"lease_expired\",\"bytes\":null,\"seq\":0,\"prev\":\"{Zeros}\"}}"
        },
        {
            "exit",
            $"{{\"event\":\"exit\",\"ts_unix_ms\":{Epoch},\"request_id\":\"{Rid}\",\"code\":0,\"signal\":null,\"duration_ms\":12,"
            + $"\"stdout_bytes\":36,\"stderr_bytes\":0,\"truncated\":true,\"seq\":0,\"prev\":\"{Zeros}\"}}"
        },
        {
            "exit-signal",
            $"{{\"event\":\"exit\",\"ts_unix_ms\":{Epoch},\"request_id\":\"{Rid}\",\"code\":null,\"signal\":9,\"duration_ms\":5000,"
            + $"\"stdout_bytes\":0,\"stderr_bytes\":0,\"truncated\":false,\"seq\":0,\"prev\":\"{Zeros}\"}}"
        },
        {
            "denial",
            $"{{\"event\":\"denial\",\"ts_unix_ms\":{Epoch},\"request_id\":\"{Rid}\",\"agent_id\":\"{A64}\",\"machine_id\":\"{B64}\","
            + $"\"argv\":[\"rm\",\"-rf\",\"/\"],\"reason\":\"argv_not_allowed\",\"seq\":0,\"prev\":\"{Zeros}\"}}"
        },
    };

    private static AuditEvent EventFor(string name) => name switch
    {
        "request" => new AuditRequestEvent(Id(7), Agent, Machine, ["/bin/cat", "a+b <c> \"q\" \n é"], "alice local e2e", 36, 5000),
        "request-unmatched" => new AuditRequestEvent(Id(7), Agent, Machine, [], null, 0, 30000),
        "started" => new AuditStartedEvent(Id(7), 4242),
        "warning-bytes" => new AuditWarningEvent(Id(7), WarningKind.StdoutCapHit, 36),
        "warning-null" => new AuditWarningEvent(Id(7), WarningKind.LeaseExpired, null),
        "exit" => new AuditExitEvent(Id(7), 0, null, 12, 36, 0, true),
        "exit-signal" => new AuditExitEvent(Id(7), null, 9, 5000, 0, 0, false),
        "denial" => new AuditDenialEvent(Id(7), Agent, Machine, ["rm", "-rf", "/"], DenialReason.ArgvNotAllowed),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(EventsAndTheirReferenceLines))]
    public async Task EachEvent_IsOneLineWithTheReferenceFieldsInOrder(string name, string expected)
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("exec.log");
        await using (var log = new AuditLog(path, _clock))
        {
            await log.AppendAsync(EventFor(name));
        }

        Assert.Equal(expected + "\n", File.ReadAllText(path, Encoding.UTF8));
    }

    [Fact]
    public async Task EachLine_ChainsToTheHashOfThePreviousLine()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("exec.log");
        List<byte[]> lines = await WriteLogAsync(path, 3, _clock);

        Assert.Equal(3, lines.Count);
        for (int i = 0; i < lines.Count; i++)
        {
            using JsonDocument doc = JsonDocument.Parse(lines[i]);
            Assert.Equal(i, doc.RootElement.GetProperty("seq").GetInt64());
            string expectedPrev = i == 0 ? Zeros : Convert.ToHexStringLower(SHA256.HashData(lines[i - 1]));
            Assert.Equal(expectedPrev, doc.RootElement.GetProperty("prev").GetString());
        }
    }

    [Fact]
    public async Task AppendCompletes_OnlyOnceTheLineIsInTheFile()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("nested", "dirs", "exec.log");
        await using var log = new AuditLog(path, _clock);
        await log.AppendAsync(Request(1));
        Assert.Contains("event-1", File.ReadAllText(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public async Task EightConcurrentWriters_TenThousandEvents_KeepAnIntactChain()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("exec.log");
        const int writers = 8;
        const int perWriter = 1250;
        await using (var log = new AuditLog(path, TimeProvider.System))
        {
            Task[] tasks = new Task[writers];
            for (int w = 0; w < writers; w++)
            {
                int writer = w;
                tasks[w] = Task.Run(async () =>
                {
                    for (int i = 0; i < perWriter; i++)
                    {
                        await log.AppendAsync(Request((writer * perWriter) + i));
                    }
                });
            }

            await Task.WhenAll(tasks);
        }

        AuditVerification result = AuditVerifier.Verify(path);
        Assert.Equal(AuditVerificationStatus.Intact, result.Status);
        Assert.Equal(writers * perWriter, result.EventCount);

        // Every event is there exactly once.
        string[] ids = [.. File.ReadLines(path).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("request_id").GetString()!)];
        Assert.Equal(writers * perWriter, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Restart_ResumesTheChain()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("exec.log");
        await WriteLogAsync(path, 3, _clock);
        await using (var log = new AuditLog(path, _clock))
        {
            await log.AppendAsync(Request(3));
            await log.AppendAsync(Request(4));
        }

        AuditVerification result = AuditVerifier.Verify(path);
        Assert.Equal(AuditVerificationStatus.Intact, result.Status);
        Assert.Equal(5, result.EventCount);
    }

    [Fact]
    public async Task LogsTakingTurnsOnOneFile_KeepOneChain()
    {
        // Each resumes from the previous one's last line. (Two open at once is refused: AuditLogLockFixTests.)
        using var temp = new TempDirectory();
        string path = temp.Combine("exec.log");
        for (int i = 0; i < 6; i++)
        {
            await using var log = new AuditLog(path, _clock);
            await log.AppendAsync(Request(i));
        }

        AuditVerification result = AuditVerifier.Verify(path);
        Assert.Equal((AuditVerificationStatus.Intact, 6L), (result.Status, result.EventCount));
    }

    [Fact]
    public async Task RotatedFile_StartsANewChainAtSeqZero()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("exec.log");
        await using var log = new AuditLog(path, _clock);
        await log.AppendAsync(Request(0));
        await log.AppendAsync(Request(1));
        File.Move(path, path + ".1");

        await log.AppendAsync(Request(2));

        Assert.Equal(2, AuditVerifier.Verify(path + ".1").EventCount);
        Assert.Equal(AuditVerificationStatus.Intact, AuditVerifier.Verify(path).Status);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
        Assert.Equal(0, doc.RootElement.GetProperty("seq").GetInt64());
        Assert.Equal(Zeros, doc.RootElement.GetProperty("prev").GetString());
    }

    [Fact]
    public async Task TornLastLine_IsNeverExtended()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("exec.log");
        await WriteLogAsync(path, 3, _clock);
        byte[] content = File.ReadAllBytes(path);
        byte[] torn = content[..^10];
        File.WriteAllBytes(path, torn);

        await using var log = new AuditLog(path, _clock);
        var error = await Assert.ThrowsAsync<AuditUnavailableException>(async () => await log.AppendAsync(Request(3)));
        Assert.Contains("torn", error.Message);
        Assert.Contains(path, error.Message);
        Assert.Equal(torn, File.ReadAllBytes(path));
    }

    [Fact]
    public async Task ForeignLastLine_IsNeverExtended()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("exec.log");
        File.WriteAllText(path, "{\"event\":\"request\",\"ts_unix_ms\":1}\n");

        await using var log = new AuditLog(path, _clock);
        var error = await Assert.ThrowsAsync<AuditUnavailableException>(async () => await log.AppendAsync(Request(0)));
        Assert.Contains("not a chained audit record", error.Message);
    }

    [Fact]
    public async Task LongLastLine_IsResumedAcrossReadChunks()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("exec.log");
        await using (var log = new AuditLog(path, _clock))
        {
            await log.AppendAsync(Request(0));
            await log.AppendAsync(new AuditDenialEvent(Id(1), Agent, Machine, [new string('x', 20_000)], DenialReason.StdinTooLarge));
        }

        await using (var log = new AuditLog(path, _clock))
        {
            await log.AppendAsync(Request(2));
        }

        Assert.Equal(3, AuditVerifier.Verify(path).EventCount);
    }

    [Fact]
    public async Task LogPathThatIsADirectory_FailsTyped_ThenRecoversWhenFixed()
    {
        // Tests run as root, where a read-only mode does not stop writes: a directory in the way does.
        using var temp = new TempDirectory();
        string path = temp.Combine("exec.log");
        Directory.CreateDirectory(path);
        await using var log = new AuditLog(path, _clock);

        var error = await Assert.ThrowsAsync<AuditUnavailableException>(async () => await log.AppendAsync(Request(0)));
        Assert.Equal(Path.GetFullPath(path), error.Path);

        Directory.Delete(path);
        await log.AppendAsync(Request(1));
        Assert.Equal(1, AuditVerifier.Verify(path).EventCount);
    }

    [Fact]
    public async Task LogPathUnderARegularFile_FailsTyped()
    {
        using var temp = new TempDirectory();
        string blocker = temp.Combine("not-a-dir");
        File.WriteAllText(blocker, "");
        await using var log = new AuditLog(Path.Combine(blocker, "exec.log"), _clock);

        await Assert.ThrowsAsync<AuditUnavailableException>(async () => await log.AppendAsync(Request(0)));
    }

    [Fact]
    public async Task AppendAfterDispose_FailsTyped()
    {
        using var temp = new TempDirectory();
        var log = new AuditLog(temp.Combine("exec.log"), _clock);
        await log.DisposeAsync();
        await Assert.ThrowsAsync<AuditUnavailableException>(async () => await log.AppendAsync(Request(0)));
    }

    [Fact]
    public async Task NewlinesAndControlCharactersInArgv_StayOnOneLine_AndRoundTrip()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("exec.log");
        string[] argv = ["/bin/sh", "line1\nline2\r", "tab\tbell\u0001", "sep\u2028para\u2029", "quote\"back\\"];
        await using (var log = new AuditLog(path, _clock))
        {
            await log.AppendAsync(new AuditDenialEvent(Id(0), Agent, Machine, argv, DenialReason.ShellMetacharInArgv));
        }

        string[] lines = File.ReadAllLines(path);
        Assert.Single(lines);
        using JsonDocument doc = JsonDocument.Parse(lines[0]);
        Assert.Equal(argv, doc.RootElement.GetProperty("argv").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(AuditVerificationStatus.Intact, AuditVerifier.Verify(path).Status);
    }
}
