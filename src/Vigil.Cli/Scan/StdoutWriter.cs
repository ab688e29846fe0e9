using System.Text;

namespace Vigil.Cli.Scan;

/// <summary>Writes finished output as UTF-8 (no BOM) in one piece, so nothing is ever half-written by us.</summary>
internal static class StdoutWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="text"/>; returns false (after reporting) when stdout is gone.</summary>
    public static bool TryWrite(string text)
    {
        try
        {
            using Stream stdout = Console.OpenStandardOutput();
            byte[] bytes = Utf8.GetBytes(text);
            stdout.Write(bytes, 0, bytes.Length);
            stdout.Flush();
            return true;
        }
        catch (IOException e)
        {
            ErrorReporter.Report($"io error: stdout: {e.Message}");
            return false;
        }
    }
}
