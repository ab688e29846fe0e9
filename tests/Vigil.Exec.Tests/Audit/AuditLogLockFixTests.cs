using System.Diagnostics;
using System.Runtime.Versioning;
using Vigil.Exec.Audit;
using Vigil.Exec.Tests.Identity;
using static Vigil.Exec.Tests.Audit.AuditTestData;

namespace Vigil.Exec.Tests.Audit;

/// <summary>One writer per audit log: a second one would interleave appends and break the hash chain.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class AuditLogLockFixTests
{
    private readonly ManualTimeProvider _clock = new(Epoch);

    [Fact]
    public async Task SecondLogOnTheSamePath_FailsTypedWhileTheFirstIsOpen_AndSucceedsAfterwards()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("exec.log");
        var first = new AuditLog(path, _clock);
        await first.AppendAsync(Request(0));

        AuditLogInUseException refused = Assert.Throws<AuditLogInUseException>(() => new AuditLog(path, _clock));
        Assert.Equal($"audit log {path} is in use by another vigil process (lock {path}.lock)", refused.Message);
        Assert.Equal(path + ".lock", refused.LockPath);

        await first.DisposeAsync();
        await using (var second = new AuditLog(path, _clock))
        {
            await second.AppendAsync(Request(1));
        }

        AuditVerification result = AuditVerifier.Verify(path);
        Assert.Equal((AuditVerificationStatus.Intact, 2L), (result.Status, result.EventCount));
    }

    [Fact]
    public async Task LogsOnDifferentPaths_DoNotContend()
    {
        using var temp = new TempDirectory();
        await using var a = new AuditLog(temp.Combine("a.log"), _clock);
        await using var b = new AuditLog(temp.Combine("b.log"), _clock);
        await a.AppendAsync(Request(0));
        await b.AppendAsync(Request(0));
        Assert.Equal(AuditVerificationStatus.Intact, AuditVerifier.Verify(temp.Combine("b.log")).Status);
    }

    [Fact]
    public async Task LockHeldByAnotherProcess_FailsTyped()
    {
        // flock(1) holds LOCK_EX on the lock file until its stdin closes; "held" on stdout says it has it.
        using var temp = new TempDirectory();
        string path = temp.Combine("exec.log");
        var start = new ProcessStartInfo("flock")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { "-x", path + ".lock", "-c", "echo held; read line" })
        {
            start.ArgumentList.Add(arg);
        }

        using Process holder = Process.Start(start)!;
        try
        {
            Assert.Equal("held", await holder.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.Throws<AuditLogInUseException>(() => new AuditLog(path, _clock));
        }
        finally
        {
            holder.StandardInput.Close();
            await holder.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        await using var log = new AuditLog(path, _clock);
        await log.AppendAsync(Request(0));
    }
}
