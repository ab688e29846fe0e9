using System.Text;
using Vigil.Scanning;
using Vigil.Scanning.Reports;

namespace Vigil.Cli.Scan;

/// <summary>Writes output to stdout as UTF-8 (no BOM); a vanished stdout is one <c>io error: stdout</c> line.</summary>
internal static class StdoutWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="text"/> in one piece; returns false (after reporting) when stdout is gone.</summary>
    public static bool TryWrite(string text) => TryWrite(stdout => stdout.Write(Utf8.GetBytes(text)));

    /// <summary>Streams <paramref name="report"/> through <paramref name="writer"/>; false (after reporting) when stdout is gone.</summary>
    public static bool TryWrite(ScanReport report, IReportWriter writer) => TryWrite(stdout =>
    {
        using var buffer = new StreamBufferWriter(stdout);
        writer.Write(report, buffer);
        buffer.Flush();
    });

    private static bool TryWrite(Action<Stream> write)
    {
        try
        {
            using Stream stdout = CliStreams.Current.OpenStdout();
            write(stdout);
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
