namespace Vigil.Scanning.Loading;

/// <summary>Reads a whole input (a file, or stdin for <c>-</c>) with IO failures turned into <c>io error: …</c>.</summary>
internal static class InputReader
{
    /// <summary>The stdin source name.</summary>
    public const string Stdin = "-";

    /// <summary>Reads stdin when <paramref name="source"/> is <c>-</c>, else the file.</summary>
    public static byte[] Read(string source, Func<Stream> stdin) => source == Stdin ? ReadStdin(stdin) : ReadFile(source);

    /// <summary>Reads a file (the baseline is always a file, even when named <c>-</c>).</summary>
    public static byte[] ReadFile(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                throw new ScanError($"io error: {path}: Is a directory (os error 21)");
            }

            return File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            throw new ScanError($"io error: {path}: No such file or directory (os error 2)");
        }
        catch (DirectoryNotFoundException)
        {
            throw new ScanError($"io error: {path}: No such file or directory (os error 2)");
        }
        catch (UnauthorizedAccessException)
        {
            throw new ScanError($"io error: {path}: Permission denied (os error 13)");
        }
        catch (PathTooLongException)
        {
            throw new ScanError($"io error: {path}: File name too long (os error 36)");
        }
        catch (IOException e)
        {
            throw new ScanError($"io error: {path}: {e.Message}");
        }
        catch (OutOfMemoryException)
        {
            throw new ScanError($"io error: {path}: file too large to load");
        }
        catch (ArgumentException e)
        {
            throw new ScanError($"io error: {path}: {e.Message}");
        }
    }

    private static byte[] ReadStdin(Func<Stream> open)
    {
        try
        {
            using Stream s = open();
            using var buffer = new MemoryStream();
            s.CopyTo(buffer);
            return buffer.ToArray();
        }
        catch (IOException e)
        {
            throw new ScanError($"io error: stdin: {e.Message}");
        }
        catch (OutOfMemoryException)
        {
            throw new ScanError("io error: stdin: input too large to load");
        }
    }
}
