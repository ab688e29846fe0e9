namespace Vigil.Exec.Identity;

/// <summary>
/// Writes and reads owner-only (0600) files in an owner-only (0700) directory. Writes go to a temporary
/// file that is fsynced and renamed into place, so a crash never leaves a half-written key.
/// </summary>
internal static class PrivateFile
{
    internal const UnixFileMode FileMode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    internal const UnixFileMode DirectoryMode0700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static void EnsureDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, DirectoryMode0700);
        }
    }

    /// <summary>Writes <paramref name="temporaryPath"/> with mode 0600 and fsyncs it.</summary>
    public static void WriteTemporary(string temporaryPath, ReadOnlySpan<byte> content)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode0600;
        }

        using var stream = new FileStream(temporaryPath, options);
        stream.Write(content);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Reads a key file, refusing one that group or others may read or write (like ssh does).</summary>
    public static byte[] ReadPrivate(string path)
    {
        if (!File.Exists(path))
        {
            throw new KeyFileException($"{path}: not found (run 'vigil keygen' to create keys)");
        }

        try
        {
            if (Permissions.StrictModes.PrivateFileProblem(path) is { } problem)
            {
                throw new KeyFileException(problem);
            }

            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KeyFileException($"{path}: cannot read: {ex.Message}", ex);
        }
    }
}
