using System.Reflection;
using Vigil.Client;

namespace Vigil.Client.Tests;

/// <summary>The exec path must not drag the daemon in: the client assembly references neither ASP.NET Core nor Vigil.Server.</summary>
public sealed class ClientAssemblyTests
{
    [Fact]
    public void Client_ReferencesNoServerSideAssembly()
    {
        AssemblyName[] references = typeof(ExecClient).Assembly.GetReferencedAssemblies();

        Assert.Contains(references, r => r.Name == "Grpc.Net.Client");
        Assert.DoesNotContain(references, r => r.Name!.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r.Name == "Vigil.Server");
        Assert.DoesNotContain(references, r => r.Name == "Grpc.AspNetCore.Server");
    }

    [Theory]
    [InlineData("example.org", "example.org", 7420)]
    [InlineData("10.0.0.1:9", "10.0.0.1", 9)]
    [InlineData("[::1]:8443", "::1", 8443)]
    [InlineData("::1", "::1", 7420)]
    public void HostPort_SplitsAddresses(string text, string host, int port)
    {
        Assert.True(HostPort.TrySplit(text, 7420, out string h, out int p));
        Assert.Equal(host, h);
        Assert.Equal(port, p);
    }

    [Theory]
    [InlineData("host:99999")]
    [InlineData("[::1")]
    [InlineData(":80")]
    [InlineData("[::1]x")]
    public void HostPort_RejectsMalformedAddresses(string text) => Assert.False(HostPort.TrySplit(text, 7420, out _, out _));
}
