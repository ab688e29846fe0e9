using Vigil.Scanning;
using Vigil.Scanning.Requests;

namespace Vigil.Cli.Scan;

/// <summary>Positional-argument checks shared by scan and explain.</summary>
internal static class Positionals
{
    /// <summary>
    /// The single allowed positional, or null. Tokens that look like flags are unknown options (the reference
    /// took them as paths); more than one input is refused rather than silently ignored.
    /// </summary>
    public static string? Single(string[]? values, string verb, string what)
    {
        values ??= [];
        foreach (string v in values)
        {
            if (v.Length > 1 && v[0] == '-')
            {
                throw new ScanError($"unknown option '{v}' for '{verb}' (see 'vigil {verb} --help')");
            }
        }

        return values.Length switch
        {
            0 => null,
            1 => values[0],
            _ => throw ScanError.Config($"'{verb}' takes one {what}, got {values.Length}: {string.Join(' ', values)}"),
        };
    }

    /// <summary>
    /// The source to read: the given path, or stdin (<c>-</c>) when none was given. Waiting silently on a terminal
    /// helps nobody, so with no path and an interactive stdin this is an error; an explicit '-' still reads a typed
    /// stream.
    /// </summary>
    public static string SourceOrStdin(string? given)
    {
        if (given is null && CliStreams.Current.StdinIsTerminal)
        {
            throw new ScanError("no input: pass a PATH, pipe data on stdin, or use '-' to type it");
        }

        return given ?? ScanInput.StdinName;
    }
}
