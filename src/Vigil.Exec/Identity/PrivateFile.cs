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
            if (!OperatingSystem.IsWindows())
            {
                UnixFileMode mode = File.GetUnixFileMode(path);
                if ((mode & ~(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute)) != 0)
                {
                    throw new KeyFileException(
                        $"{path}: permissions {FormatMode(mode)} are too open; a key file must be 0600 (chmod 600 '{path}')");
                }
            }

            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KeyFileException($"{path}: cannot read: {ex.Message}", ex);
        }
    }

    internal static string FormatMode(UnixFileMode mode) =>
        "0" + Convert.ToString((int)mode & 0x1FF, 8).PadLeft(3, '0');
}
