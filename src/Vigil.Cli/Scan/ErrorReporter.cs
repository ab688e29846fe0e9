using Vigil.Detection.Configuration;
using Vigil.Scanning;

namespace Vigil.Cli.Scan;

/// <summary>The one place scan-side verbs turn a failure into <c>vigil: error: …</c> + exit 2.</summary>
internal static class ErrorReporter
{
    public static void Report(string message) => CliStreams.Current.Stderr.WriteLine("vigil: error: " + message);

    /// <summary>Runs a verb body; any failure is one line on stderr and exit 2, never a stack trace.</summary>
    public static int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (ScanError e)
        {
            Report(e.Message);
        }
        catch (ConfigException e)
        {
            Report("invalid configuration: " + e.Message);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Report($"internal error: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
        }
        catch (OutOfMemoryException)
        {
            Report("out of memory while scanning (the input is held in memory in full)");
        }

        return ExitCodes.Error;
    }
}
