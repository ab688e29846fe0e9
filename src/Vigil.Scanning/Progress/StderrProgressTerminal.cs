namespace Vigil.Scanning.Progress;

/// <summary>The process's stderr as a progress terminal (use it only when stderr is one: see <see cref="IsWanted"/>).</summary>
public sealed class StderrProgressTerminal : IProgressTerminal
{
    private const int FallbackWidth = 80;

    /// <summary>
    /// Whether a progress line belongs on stderr: only when it is a terminal (a person is watching it) that is not a
    /// dumb one. Piped or redirected stderr stays clean; stdout is never touched, so <c>vigil scan big.csv | jq</c>
    /// still shows progress on the terminal while the envelope goes down the pipe.
    /// </summary>
    /// <param name="stderrIsTerminal">Whether the process's stderr is a terminal.</param>
    public static bool IsWanted(bool stderrIsTerminal) => stderrIsTerminal && Environment.GetEnvironmentVariable("TERM") != "dumb";

    public int Width
    {
        get
        {
            try
            {
                int width = Console.WindowWidth;
                return width > 0 ? width : FallbackWidth;
            }
            catch (IOException)
            {
                return FallbackWidth;
            }
        }
    }

    public void Write(string text)
    {
        Console.Error.Write(text);
        Console.Error.Flush();
    }
}
