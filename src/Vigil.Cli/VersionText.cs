using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace Vigil.Cli;

/// <summary><c>vigil --version</c> prints <c>vigil X.Y.Z</c> (tool name first, like the reference's <c>anomalyx 1.1.2</c>).</summary>
internal static class VersionText
{
    public static string Line { get; } = "vigil " + Version();

    /// <summary>Replaces the root's default version action (which prints the bare version).</summary>
    public static void Install(RootCommand root)
    {
        foreach (Option option in root.Options)
        {
            if (option is VersionOption version)
            {
                version.Action = new PrintVersion();
            }
        }
    }

    private static string Version()
    {
        string? v = typeof(VersionText).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        // Strip any "+metadata" suffix so the line is stable.
        return v is null ? "0.0.0" : v.Split('+')[0];
    }

    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            Console.Out.WriteLine(Line);
            return ExitCodes.Clean;
        }
    }
}
