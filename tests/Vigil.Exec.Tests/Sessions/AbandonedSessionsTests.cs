using System.Diagnostics;
using System.Text.Json;
using Vigil.Exec.Audit;
using Vigil.Exec.Identity;
using Vigil.Exec.Runner;
using Vigil.Exec.Sessions;
using Vigil.Exec.Tests.Identity;
using static Vigil.Exec.Tests.Audit.AuditTestData;
using static Vigil.Exec.Tests.Runner.RunnerFixture;
using static Vigil.Exec.Tests.Shared.ProcessWatch;

namespace Vigil.Exec.Tests.Sessions;

/// <summary>Issue 14 item 7: the start-up sweep ends and records the sessions a killed daemon left open.</summary>
public sealed class AbandonedSessionsTests
{
    private static List<JsonElement> Lines(string path) =>
        [.. File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement.Clone())];

    [Fact]
    public async Task OpenSession_IsKilledAndRecorded_ClosedOnesAreLeftAlone()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("exec.log");
        CommandRun orphan = Start(Limits(), "sleep", "300");
        try
        {
            long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await using (var log = new AuditLog(path, TimeProvider.System))
            {
                // 1 ran to its exit, 2 was denied after its request (spawn failed), 3 was running when the daemon died.
                await log.AppendAsync(Request(1));
                await log.AppendAsync(new AuditStartedEvent(Id(1), 1));
                await log.AppendAsync(new AuditExitEvent(Id(1), 0, null, 5, 0, 0, false));
                await log.AppendAsync(Request(2));
                await log.AppendAsync(new AuditDenialEvent(Id(2), Agent, Machine, ["x"], DenialReason.SpawnFailed));
                await log.AppendAsync(Request(3));
                await log.AppendAsync(new AuditStartedEvent(Id(3), orphan.Pid));
            }

            AbandonedSweep sweep;
            await using (var log = new AuditLog(path, TimeProvider.System))
            {
                sweep = await AbandonedSessions.SweepAsync(path, log, TimeProvider.System);
            }

            Assert.Equal((1, 1, 1), (sweep.Open, sweep.Recorded, sweep.Killed));
            await WaitUntilAsync(() => !IsAlive(orphan.Pid), "the abandoned session's child to die");
            JsonElement exit = Lines(path)[^1];
            Assert.Equal("exit", exit.GetProperty("event").GetString());
            Assert.Equal(Id(3).ToString(), exit.GetProperty("request_id").GetString());
            Assert.Equal("daemon_restart", exit.GetProperty("reason").GetString());
            Assert.Equal(JsonValueKind.Null, exit.GetProperty("code").ValueKind);
            Assert.True(exit.GetProperty("ts_unix_ms").GetInt64() >= now);
            Assert.Equal((AuditVerificationStatus.Intact, 8L), (AuditVerifier.Verify(path).Status, AuditVerifier.Verify(path).EventCount));

            // A second sweep finds nothing more to do.
            await using (var log = new AuditLog(path, TimeProvider.System))
            {
                Assert.Equal(0, (await AbandonedSessions.SweepAsync(path, log, TimeProvider.System)).Open);
            }
        }
        finally
        {
            orphan.Cancel(CancelReason.Shutdown);
            await orphan.Completion.WaitAsync(Patience);
        }
    }

    [Fact]
    public async Task WithoutCgroup_OnlyAGroupLeaderStartedWhenTheTrailSaysIsKilled()
    {
        // setsid makes the sleep its own group leader outside any session cgroup, like a child of a daemon that had none.
        using Process leader = Process.Start(new ProcessStartInfo("setsid", ["sleep", "300"]) { UseShellExecute = false })!;
        try
        {
            await WaitUntilAsync(() => File.ReadAllText($"/proc/{leader.Id}/cmdline").StartsWith("sleep", StringComparison.Ordinal), "exec of sleep");
            Assert.Null(SessionCgroup.SessionOf(leader.Id));
            long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

            // Recorded an hour ago: the pid now belongs to someone else and must not be touched.
            Assert.False(await LeftoverProcess.KillAsync(leader.Id, now - 3_600_000));
            Assert.True(IsAlive(leader.Id));

            Assert.True(await LeftoverProcess.KillAsync(leader.Id, now));
            await leader.WaitForExitAsync().WaitAsync(Patience);
        }
        finally
        {
            if (!leader.HasExited)
            {
                leader.Kill();
            }
        }
    }

    [Fact]
    public void MissingLog_HasNoOpenSessions() => Assert.Empty(AbandonedSessions.FindOpen("/nonexistent/exec.log"));
}
