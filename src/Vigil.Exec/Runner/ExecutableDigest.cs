using System.Security.Cryptography;

namespace Vigil.Exec.Runner;

/// <summary>SHA-256 of an executable file, compared against an ACL pin (design/exec.md, <c>sha256</c>).</summary>
public static class ExecutableDigest
{
    /// <summary>Lowercase hex SHA-256 of the file's bytes.</summary>
    public static string Compute(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>True when the file's digest equals <paramref name="expectedHex"/> (any hex case); false on any read error.</summary>
    public static bool Matches(string path, string expectedHex)
    {
        try
        {
            return string.Equals(Compute(path), expectedHex, StringComparison.OrdinalIgnoreCase);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
