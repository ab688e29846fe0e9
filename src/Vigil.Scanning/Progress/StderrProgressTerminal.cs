namespace Vigil.Scanning.Progress;

/// <summary>
/// The process's stderr as a progress terminal. Progress is drawn only when stderr is a terminal (a person is
/// watching it): piped or redirected stderr stays clean, and stdout is never touched, so <c>vigil scan | jq</c>
/// still shows progress on the terminal while the envelope goes down the pipe.
/// </summary>
public sealed class StderrProgressTerminal : IProgressTerminal
{
    private const int FallbackWidth = 80;

    /// <summary>Whether a progress line belongs on stderr: it is a terminal, and not a dumb one.</summary>
    public static bool IsInteractive => !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") != "dumb";

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
