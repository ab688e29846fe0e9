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

        // No @response-file expansion: an input path may legitimately start with '@'.
        ParseResult result = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (result.Errors.Count > 0 && result.Action is not System.CommandLine.Help.HelpAction)
        {
            // One line, the most specific error: "Unrecognized command 'x'" beats "Required command was not provided".
            System.CommandLine.Parsing.ParseError error = result.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? result.Errors[0];
            Console.Error.WriteLine($"vigil: error: {error.Message} (see 'vigil --help')");
            return ExitCodes.Error;
        }

        // Exceptions reach Main's one-line handler instead of System.CommandLine's stack-trace printer.
        return result.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    internal static RootCommand BuildRoot()
    {
        var root = new RootCommand("Vigil: constrained remote exec and deterministic anomaly detection.");

        // Verbs, one file each under Commands/. Keep this list in README order.
        // (scan side) scan, explain, describe, schema
        // (exec side) keygen, id, check, audit, serve, exec, diagnostics
        root.Subcommands.Add(Commands.ScanCommand.Create());
        root.Subcommands.Add(Commands.ExplainCommand.Create());
        root.Subcommands.Add(Commands.DescribeCommand.Create());
        root.Subcommands.Add(Commands.SchemaCommand.Create());
        root.Subcommands.Add(Commands.WatchCommand.Create());
        VersionText.Install(root);
        root.Subcommands.Add(Commands.KeygenCommand.Create());
        root.Subcommands.Add(Commands.IdCommand.Create());
        root.Subcommands.Add(Commands.CheckCommand.Create());
        root.Subcommands.Add(Commands.AuditCommand.Create());
        root.Subcommands.Add(Commands.ServeCommand.Create());
        root.Subcommands.Add(Commands.ExecCommand.Create());
        root.Subcommands.Add(Commands.DiagnosticsCommand.Create());
        return root;
    }
}
