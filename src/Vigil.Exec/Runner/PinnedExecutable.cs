using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace Vigil.Exec.Runner;

/// <summary>
/// A <c>sha256</c>-pinned executable, opened once: the digest is computed through the open descriptor and the child
/// is executed through <c>/proc/self/fd/N</c> (what fexecve does), so the file that runs is the file that was
/// hashed, whatever is renamed onto its path in between.
/// </summary>
internal static class PinnedExecutable
{
    /// <summary>The opened file (close-on-exec) when its digest matches, else the refusal detail.</summary>
    internal readonly record struct Outcome(SafeFileHandle? Handle, string? Refusal);

    public static Outcome Open(string path, string expectedHex)
    {
        SafeFileHandle handle;
        try
        {
            // .NET opens with O_CLOEXEC: the descriptor survives exactly until the kernel has opened the image.
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new Outcome(null, "cannot open " + path + " to check its sha256: " + ex.Message);
        }

        try
        {
            string? refusal = Check(handle, path, expectedHex);
            if (refusal is null)
            {
                return new Outcome(handle, null);
            }

            handle.Dispose();
            return new Outcome(null, refusal);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>The path that executes <paramref name="handle"/>'s file in the child.</summary>
    public static string DescriptorPath(SafeFileHandle handle) =>
        "/proc/self/fd/" + handle.DangerousGetHandle().ToInt64().ToString(CultureInfo.InvariantCulture);

    private static string? Check(SafeFileHandle handle, string path, string expectedHex)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = new byte[81920];
        long offset = 0;
        bool script = false;
        int read;
        try
        {
            while ((read = RandomAccess.Read(handle, buffer, offset)) > 0)
            {
                if (offset == 0)
                {
                    script = read >= 2 && buffer[0] == (byte)'#' && buffer[1] == (byte)'!';
                }

                sha.AppendData(buffer, 0, read);
                offset += read;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "cannot read " + path + " to check its sha256: " + ex.Message;
        }

        if (!string.Equals(Convert.ToHexStringLower(sha.GetHashAndReset()), expectedHex, StringComparison.OrdinalIgnoreCase))
        {
            return "sha256 of " + path + " does not match the ACL";
        }

        // The kernel hands a #! script's interpreter the /proc/self/fd path, which is closed by then: rather than
        // reopen the script by name (the race this class exists to close), a pinned script is refused.
        return script
            ? path + " is a #! script: a sha256 pin runs the hashed file by descriptor, which its interpreter cannot reopen; pin the interpreter and allow the script as its argument"
            : null;
    }
}
