using System.Runtime.InteropServices;

namespace Vigil.Client;

/// <summary>
/// Keeps the system CA bundle out of a short-lived process that only makes pinned connections. TLS in .NET builds
/// an X509 chain for both certificates of every handshake, and the first chain build loads the whole system trust
/// store (~100 ms, most of a <c>vigil exec</c> call) even though Vigil trusts a peer only by its pinned MachineId.
/// </summary>
public static partial class PinnedTrust
{
    private const string EmptyStore = "/nonexistent/vigil-pinned-only";

    /// <summary>
    /// Points this process's OpenSSL trust-store lookup at an empty location. Process-wide and irreversible: call
    /// it only in a process that makes no other TLS connections (the <c>vigil exec</c> CLI), before the first one.
    /// </summary>
    public static void UseNoSystemTrustStore()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        foreach (string name in (string[])["SSL_CERT_FILE", "SSL_CERT_DIR"])
        {
            // OpenSSL reads the native environment; .NET keeps its own copy. Set both.
            Environment.SetEnvironmentVariable(name, EmptyStore);
            _ = SetEnv(name, EmptyStore, 1);
        }
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
