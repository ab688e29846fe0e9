using System.Globalization;
using System.Text;

namespace Vigil.Exec.Policy;

/// <summary>
/// Loads the exec ACL once at startup (reference x0x §3.1). With no path, the default path is used and a missing
/// file means exec is disabled (<c>acl_missing</c>); an explicitly given path must exist. Any other problem is an
/// <see cref="AclException"/> and the daemon must refuse to start: the loader never throws anything else.
/// </summary>
public static class AclLoader
{
    /// <summary>Far above any real ACL; bounds what a hostile or mistaken path can make the daemon read.</summary>
    public const int MaxFileBytes = 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Loads <paramref name="explicitPath"/>, or <see cref="ExecPolicy.DefaultPath"/> when it is null.</summary>
    /// <exception cref="AclException">The file is missing (explicit path only), unreadable, malformed or invalid.</exception>
    public static ExecPolicy Load(string? explicitPath, TimeProvider? time = null)
    {
        bool isDefault = explicitPath is null;
        string path = explicitPath ?? ExecPolicy.DefaultPath;
        long now = (time ?? TimeProvider.System).GetUtcNow().ToUnixTimeMilliseconds();

        if (path.Length == 0)
        {
            throw new AclException(AclErrorKind.Missing, path, "exec ACL path is empty");
        }

        if (!File.Exists(path))
        {
            if (isDefault)
            {
                return ExecPolicy.Disabled(ExecPolicy.ReasonAclMissing, path, now);
            }

            string reason = Directory.Exists(path) ? "is a directory, not an exec ACL file" : "exec ACL file not found";
            throw new AclException(AclErrorKind.Missing, path, reason);
        }

        CheckPermissions(path);
        return AclParser.Parse(ReadText(path), path, now);
    }

    /// <summary>Whoever can write the ACL decides what runs: refuse one another user owns or others may write.</summary>
    private static void CheckPermissions(string path)
    {
        string? problem;
        try
        {
            problem = Permissions.StrictModes.AclFileProblem(path);
        }
        catch (IOException ex)
        {
            throw new AclException(AclErrorKind.Unreadable, path, ex.Message, inner: ex);
        }

        if (problem is not null)
        {
            throw new AclException(AclErrorKind.Unreadable, path, "insecure permissions: " + problem[(path.Length + 2)..]);
        }
    }

    /// <summary>Parses ACL text as if it had been read from <paramref name="sourcePath"/> (tests, fuzzing, tools).</summary>
    /// <exception cref="AclException">The text is malformed or invalid.</exception>
    public static ExecPolicy Parse(string text, string sourcePath, long loadedAtUnixMs = 0)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sourcePath);
        return AclParser.Parse(text, sourcePath, loadedAtUnixMs);
    }

    private static string ReadText(string path)
    {
        byte[] bytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (stream.Length > MaxFileBytes)
            {
                throw new AclException(
                    AclErrorKind.Unreadable,
                    path,
                    string.Create(CultureInfo.InvariantCulture, $"file is larger than {MaxFileBytes} bytes; refusing to read it as an exec ACL"));
            }

            bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or System.Security.SecurityException)
        {
            throw new AclException(AclErrorKind.Unreadable, path, "failed to read exec ACL: " + ex.Message, inner: ex);
        }

        ReadOnlySpan<byte> content = bytes;
        if (content.StartsWith(Encoding.UTF8.Preamble))
        {
            content = content[Encoding.UTF8.Preamble.Length..];
        }

        try
        {
            return StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException ex)
        {
            throw new AclException(
                AclErrorKind.Unreadable,
                path,
                string.Create(CultureInfo.InvariantCulture, $"not valid UTF-8 (at byte {ex.Index})"),
                inner: ex);
        }
    }
}
