using System.Globalization;

namespace Vigil.Exec.Permissions;

/// <summary>
/// sshd-style strict modes for what the daemon trusts (issue 14 item 8): keys and their directory must be the user's
/// own and private, the ACL and the audit log must be owned by the user (or root) and writable by no one else. Each
/// check returns null when the file is fine, or one line naming the problem and the <c>chmod</c>/<c>chown</c> that
/// fixes it. On Windows there is nothing to check.
/// </summary>
public static class StrictModes
{
    private const int GroupOtherAll = 0x3F; // 0077
    private const int GroupOtherWrite = 0x12; // 0022

    /// <summary>A key file: owned by this user, no group or other bits (0600).</summary>
    public static string? PrivateFileProblem(string path) => Check(path, GroupOtherAll, allowRoot: false, "a key file must be 0600", "600");

    /// <summary>The key directory: owned by this user, no group or other bits (0700).</summary>
    public static string? PrivateDirectoryProblem(string path) => Check(path, GroupOtherAll, allowRoot: false, "the key directory must be 0700", "700");

    /// <summary>The exec ACL: owned by this user or root, writable by no one else.</summary>
    public static string? AclFileProblem(string path) => Check(path, GroupOtherWrite, allowRoot: true, "the exec ACL must not be writable by group or others", "go-w");

    /// <summary>An existing audit log: owned by this user, writable by no one else.</summary>
    public static string? AuditLogProblem(string path) => Check(path, GroupOtherWrite, allowRoot: false, "the audit log must not be writable by group or others", "go-w");

    private static string? Check(string path, int forbidden, bool allowRoot, string rule, string chmod)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        FileOwnership file = FileOwnership.Of(path);
        uint self = FileOwnership.CurrentUid;
        if (file.OwnerUid != self && !(allowRoot && file.OwnerUid == 0))
        {
            string owner = self == 0 ? "root" : Environment.UserName;
            return string.Create(
                CultureInfo.InvariantCulture,
                $"{path}: owned by uid {file.OwnerUid}, not by {owner} (uid {self}) who runs vigil; refusing it (chown {owner} '{path}')");
        }

        if ((file.Mode & forbidden) != 0)
        {
            return $"{path}: permissions {Octal(file.Mode)} are too open; {rule} (chmod {chmod} '{path}')";
        }

        return null;
    }

    private static string Octal(int mode) => "0" + Convert.ToString(mode & 0x1FF, 8).PadLeft(3, '0');
}
