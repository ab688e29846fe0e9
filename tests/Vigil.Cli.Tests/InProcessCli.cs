using System.Text;
using Vigil.Cli.Scan;

namespace Vigil.Cli.Tests;

/// <summary>
/// Runs a scan-side verb inside the test process through <see cref="Program.Run"/>, with its own stdin, stdout and
/// stderr (none a terminal), and returns the same <see cref="CliRun"/> a child process would. What System.CommandLine
/// writes itself before a verb runs (help, no verb, an unknown verb, a missing argument) still needs
/// <see cref="CliRunner"/>.
/// </summary>
internal static class InProcessCli
{
    public static CliRun Run(params string[] args) => Run([], args);

    public static CliRun RunWithStdin(string stdin, params string[] args) => Run(Encoding.UTF8.GetBytes(stdin), args);

    public static CliRun RunWithStdin(byte[] stdin, params string[] args) => Run(stdin, args);

    public static CliRun Run(byte[] stdin, string[] args)
    {
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter { NewLine = "\n" };
        var streams = new CliStreams(() => new MemoryStream(stdin, writable: false), () => new NonClosing(stdout), stderr, stdinIsTerminal: false, stdoutIsTerminal: false, stderrIsTerminal: false);
        int exit;
        using (CliStreams.Use(streams))
        {
            exit = Program.Run(args);
        }

        return new CliRun(exit, stdout.ToArray(), stderr.ToString());
    }

    // The verb disposes the stdout it opened; the capture must outlive it.
    private sealed class NonClosing(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => throw new NotSupportedException();
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

        public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);
    }
}
