using System.Reflection;

// A .NET startup hook (DOTNET_STARTUP_HOOKS) must be a type named StartupHook outside any namespace. Tests load this
// assembly into a child `vigil` process to list what that process loaded; it touches only the base library, so
// nothing else of the test assembly comes along.
#pragma warning disable CA1050 // Declare types in namespaces
internal static class StartupHook
#pragma warning restore CA1050
{
    /// <summary>The environment variable naming the file that receives one loaded assembly name per line at exit.</summary>
    public const string ListVariable = "VIGIL_TEST_LOADED_ASSEMBLIES";

    public static void Initialize()
    {
        string? path = Environment.GetEnvironmentVariable(ListVariable);
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            IEnumerable<string> names = AppDomain.CurrentDomain.GetAssemblies()
                .Select(a => a.GetName().Name ?? string.Empty)
                .Where(n => n != typeof(StartupHook).Assembly.GetName().Name)
                .Order(StringComparer.Ordinal);
            File.WriteAllLines(path, names);
        };
    }
}
