namespace Vigil.Scanning.Tests;

public sealed class ScanningAssemblyTests
{
    [Fact]
    public void Scanning_assembly_does_not_reference_kestrel_or_the_exec_client()
    {
        var names = typeof(ScanningAssembly).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToArray();
        Assert.Contains("Vigil.Formats", names);
        Assert.DoesNotContain(names, n => n is not null && (n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || n.StartsWith("Vigil.Server", StringComparison.Ordinal) || n.StartsWith("Grpc", StringComparison.Ordinal)));
    }
}
