using Vigil.Formats.Input;

namespace Vigil.Cli.Scan;

/// <summary>Opens an input (a file, or stdin for <c>-</c>) with IO failures turned into <c>io error: …</c>.</summary>
internal static class InputReader
{
    /// <summary>The stdin source name.</summary>
    public const string Stdin = "-";

    /// <summary>
    /// The source to read: the given path, or stdin when none was given. Waiting silently on a terminal helps
    /// nobody, so with no path and an interactive stdin this is an error; an explicit '-' still reads a typed stream.
    /// </summary>
    public static string SourceOrStdin(string? given)
    {
        if (given is null && !Console.IsInputRedirected)
        {
            throw new CliError("no input: pass a PATH, pipe data on stdin, or use '-' to type it");
        }

        return given ?? Stdin;
    }

    /// <summary>Opens stdin when <paramref name="source"/> is <c>-</c>, else the file; nothing is read yet.</summary>
    public static InputSource Open(string source, Func<Stream> stdin)
    {
        try
        {
            return InputSource.Open(source, stdin);
        }
        catch (InputException e)
        {
            throw new CliError(e.Message);
        }
    }

    /// <summary>Opens a file (the baseline is always a file, even when named <c>-</c>).</summary>
    public static InputSource OpenFile(string path)
    {
        try
        {
            return InputSource.OpenFile(path);
        }
        catch (InputException e)
        {
            throw new CliError(e.Message);
        }
    }
}
