using System.CommandLine;

namespace Vigil.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        try
        {
            return Run(args);
        }
        catch (Exception ex)
        {
            // Last line of defence: a user never sees a stack trace.
            Console.Error.WriteLine($"vigil: error: internal error: {ex.Message}");
            return ExitCodes.Error;
        }
    }

    internal static int Run(string[] args)
    {
        RootCommand root = BuildRoot();
        if (args.Length == 0)
        {
            Console.Error.WriteLine("vigil: error: a command is required (see 'vigil --help')");
            return ExitCodes.Error;
        }

        ParseResult result = root.Parse(args);
        if (result.Errors.Count > 0 && result.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var error in result.Errors)
            {
                Console.Error.WriteLine($"vigil: error: {error.Message}");
            }

            return ExitCodes.Error;
        }

        return result.Invoke();
    }

    internal static RootCommand BuildRoot()
    {
        var root = new RootCommand("Vigil: constrained remote exec and deterministic anomaly detection.");

        // Verbs, one file each under Commands/. Keep this list in README order.
        // (scan side) scan, explain, describe, schema
        // (exec side) keygen, id, check, audit, serve, exec, diagnostics
        return root;
    }
}
