using Microsoft.Win32.SafeHandles;

namespace Vigil.Formats.Input;

/// <summary>A file read with positional reads (<see cref="RandomAccess"/>): no stream buffer, rewinds are free.</summary>
internal sealed class FileInputSource : InputSource
{
    private readonly SafeFileHandle _handle;

    private FileInputSource(string path, SafeFileHandle handle, long length)
        : base(path, length)
    {
        _handle = handle;
    }

    protected override bool CanSeek => true;

    /// <summary>Opens <paramref name="path"/>, turning IO failures into the contract's messages (os error numbers as the reference prints them).</summary>
    public static InputSource Open(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                throw new InputException($"io error: {path}: Is a directory (os error 21)");
            }

            SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, FileOptions.SequentialScan);
            long length = RandomAccess.GetLength(handle);
            if (length == 0)
            {
                // FIFOs, /dev/stdin, /proc files report no length: read them as the stream they are.
                return FromStream(path, new FileStream(handle, FileAccess.Read, 1));
            }

            return new FileInputSource(path, handle, length);
        }
        catch (Exception e) when (Describe(e) is string why)
        {
            throw new InputException($"io error: {path}: {why}", e);
        }
    }

    protected override int ReadAt(long offset, Span<byte> buffer)
    {
        try
        {
            return RandomAccess.Read(_handle, buffer, offset);
        }
        catch (IOException e)
        {
            throw new InputException($"io error: {Name}: {e.Message}", e);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _handle.Dispose();
        }
    }

    private static string? Describe(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "No such file or directory (os error 2)",
        UnauthorizedAccessException => "Permission denied (os error 13)",
        PathTooLongException => "File name too long (os error 36)",
        IOException or ArgumentException => e.Message,
        _ => null,
    };
}
