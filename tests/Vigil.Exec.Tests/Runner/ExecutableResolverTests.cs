using Vigil.Exec.Runner;

namespace Vigil.Exec.Tests.Runner;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ExecutableResolverTests
{
    [Fact]
    public void BareName_IsFoundInFixedPathOrder()
    {
        string? resolved = ExecutableResolver.Resolve("sh");
        Assert.NotNull(resolved);
        string firstDir = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".Split(':').First(d => File.Exists(d + "/sh"));
        Assert.Equal(firstDir + "/sh", resolved);
    }

    [Fact]
    public void SlashName_IsUsedAsGiven()
    {
        Assert.Equal("/bin/sh", ExecutableResolver.Resolve("/bin/sh"));
        Assert.Null(ExecutableResolver.Resolve("/no/such/vigil-binary"));
    }

    [Fact]
    public void ApplicationAndCurrentDirectory_AreNeverSearched()
    {
        string name = "vigil-probe-" + Guid.NewGuid().ToString("N");
        string inAppDir = Path.Combine(AppContext.BaseDirectory, name);
        string inCwd = Path.Combine(Environment.CurrentDirectory, name);
        try
        {
            foreach (string p in new[] { inAppDir, inCwd }.Distinct())
            {
                File.WriteAllText(p, "#!/bin/sh\n");
                File.SetUnixFileMode(p, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            Assert.Null(ExecutableResolver.Resolve(name));
        }
        finally
        {
            File.Delete(inAppDir);
            File.Delete(inCwd);
        }
    }

    [Fact]
    public void RelativeSlashName_IsPinnedToTheChildsDirectory()
    {
        // The digest check and the exec must see the same file: a relative name is anchored where the child starts.
        using var temp = new Identity.TempDirectory();
        string tool = temp.Combine("tool");
        File.WriteAllText(tool, "#!/bin/sh\n");
        File.SetUnixFileMode(tool, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        Assert.Equal(tool, ExecutableResolver.Resolve("./tool", temp.Path));
        Assert.Null(ExecutableResolver.Resolve("./tool", "/"));
    }

    [Fact]
    public void NonExecutableFile_IsNotResolved()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            Assert.Null(ExecutableResolver.Resolve(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("ec\0ho")]
    public void EmptyOrNul_IsNotResolved(string name) => Assert.Null(ExecutableResolver.Resolve(name));
}
