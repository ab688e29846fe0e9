using Vigil.Exec.Identity;

namespace Vigil.Exec.Tests.Identity;

public sealed class RequestLimitsTests
{
    [Fact]
    public void CheckArgv_AcceptsUpToTheCount_RefusesOneMore()
    {
        RequestLimits.CheckArgv([.. Enumerable.Repeat("a", RequestLimits.MaxArgvCount)]);
        Assert.Throws<FormatException>(() => RequestLimits.CheckArgv([.. Enumerable.Repeat("a", RequestLimits.MaxArgvCount + 1)]));
    }

    [Fact]
    public void CheckArgv_CountsUtf8Bytes_NotChars()
    {
        // "é" is two UTF-8 bytes: half as many characters already reach the byte bound.
        string half = new('é', RequestLimits.MaxArgvBytes / 2);
        RequestLimits.CheckArgv([half]);
        Assert.Throws<FormatException>(() => RequestLimits.CheckArgv([half, "x"]));
        RequestLimits.CheckArgv([new string('x', RequestLimits.MaxArgvBytes)]);
        Assert.Throws<FormatException>(() => RequestLimits.CheckArgv([new string('x', RequestLimits.MaxArgvBytes + 1)]));
    }

    [Fact]
    public void BodyAndMessageBounds_LeaveRoomForTheStdinCap()
    {
        const long stdinCap = 1024 * 1024;
        Assert.True(RequestLimits.MaxMessageBytes(stdinCap) > stdinCap + RequestLimits.MaxArgvBytes);
        Assert.True(RequestLimits.MaxJsonBodyBytes(stdinCap) > (stdinCap * 4 / 3) + RequestLimits.MaxArgvBytes);
        Assert.Equal(Array.MaxLength, RequestLimits.MaxMessageBytes(long.MaxValue / 2));
    }
}
