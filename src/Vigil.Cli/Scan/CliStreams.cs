namespace Vigil.Cli.Scan;

/// <summary>
/// The standard streams the scan-side verbs read and write, and whether each is a terminal. The process's own by
/// default; an in-process test runs a verb with its own streams for the current async flow only, so tests running
/// in parallel never see each other's output.
/// </summary>
internal sealed class CliStreams
{
    private static readonly AsyncLocal<CliStreams?> Scoped = new();
    private static CliStreams? _process;

    public CliStreams(Func<Stream> openStdin, Func<Stream> openStdout, TextWriter stderr, bool stdinIsTerminal, bool stdoutIsTerminal, bool stderrIsTerminal)
    {
        OpenStdin = openStdin;
        OpenStdout = openStdout;
        Stderr = stderr;
        StdinIsTerminal = stdinIsTerminal;
        StdoutIsTerminal = stdoutIsTerminal;
        StderrIsTerminal = stderrIsTerminal;
    }

    /// <summary>The streams of the verb running in this async flow.</summary>
    public static CliStreams Current => Scoped.Value ?? (_process ??= new CliStreams(
        Console.OpenStandardInput, Console.OpenStandardOutput, Console.Error, !Console.IsInputRedirected, !Console.IsOutputRedirected, !Console.IsErrorRedirected));

    public Func<Stream> OpenStdin { get; }

    public Func<Stream> OpenStdout { get; }

    public TextWriter Stderr { get; }

    public bool StdinIsTerminal { get; }

    public bool StdoutIsTerminal { get; }

    public bool StderrIsTerminal { get; }

    /// <summary>Makes <paramref name="streams"/> current for this async flow until the result is disposed.</summary>
    public static IDisposable Use(CliStreams streams)
    {
        CliStreams? previous = Scoped.Value;
        Scoped.Value = streams;
        return new Restore(previous);
    }

    private sealed class Restore(CliStreams? previous) : IDisposable
    {
        public void Dispose() => Scoped.Value = previous;
    }
}
