using System.CommandLine;

namespace Vigil.Cli;

internal static class Program
{
    // Verbs, one file each under Commands/. Keep this list in README order.
    private static readonly (string Name, Func<Command> Create)[] Verbs =
    [
        // (scan side)
        ("scan", Commands.ScanCommand.Create),
        ("explain", Commands.ExplainCommand.Create),
        ("describe", Commands.DescribeCommand.Create),
        ("schema", Commands.SchemaCommand.Create),
        ("watch", Commands.WatchCommand.Create),

        // (exec side)
        ("keygen", Commands.KeygenCommand.Create),
        ("id", Commands.IdCommand.Create),
        ("check", Commands.CheckCommand.Create),
        ("audit", Commands.AuditCommand.Create),
        ("serve", Commands.ServeCommand.Create),
        ("exec", Commands.ExecCommand.Create),
        ("diagnostics", Commands.DiagnosticsCommand.Create),
    ];

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
        RootCommand root = BuildRoot(args.Length > 0 ? args[0] : null);
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

    /// <summary>
    /// The command tree. Building a verb builds all its options, so when <paramref name="verb"/> names one, only
    /// that verb is built (start-up of <c>vigil scan</c>); help, version and unknown commands get every verb.
    /// </summary>
    internal static RootCommand BuildRoot(string? verb = null)
    {
        var root = new RootCommand("Vigil: constrained remote exec and deterministic anomaly detection.");
        bool known = Verbs.Any(v => v.Name == verb);
        foreach ((string name, Func<Command> create) in Verbs)
        {
            if (!known || name == verb)
            {
                root.Subcommands.Add(create());
            }
        }

        VersionText.Install(root);
        return root;
    }
}
