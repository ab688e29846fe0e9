using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Vigil.Exec.Identity;

/// <summary>
/// The key directory (default <c>~/.vigil</c>, mode 0700) holding <c>machine.key</c>, <c>agent.key</c> and
/// <c>binding.sig</c>, each mode 0600.
/// </summary>
public sealed class KeyDirectory
{
    public const string MachineKeyFileName = "machine.key";
    public const string AgentKeyFileName = "agent.key";
    public const string BindingFileName = "binding.sig";

    /// <summary>The machine key's self-signed TLS certificate, made once at keygen (older directories lack it).</summary>
    public const string CertificateFileName = "machine.crt";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public KeyDirectory(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
    }

    public string Path { get; }

    public string MachineKeyPath => System.IO.Path.Combine(Path, MachineKeyFileName);

    public string AgentKeyPath => System.IO.Path.Combine(Path, AgentKeyFileName);

    public string BindingPath => System.IO.Path.Combine(Path, BindingFileName);

    public string CertificatePath => System.IO.Path.Combine(Path, CertificateFileName);

    /// <summary><c>~/.vigil</c> of the current user.</summary>
    public static string DefaultPath
    {
        get
        {
            string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            if (string.IsNullOrEmpty(home))
            {
                throw new KeyFileException("cannot find the home directory for the default key directory; pass --dir");
            }

            return System.IO.Path.Combine(home, ".vigil");
        }
    }

    /// <summary>
    /// Makes sure no other user can enter the directory: a mode with group or other read/execute bits is tightened to
    /// 0700 (a group- or world-writable one is left for the strict-mode check in <see cref="Load"/> to refuse).
    /// Returns the mode it had when it was tightened, or null when it already was private. Throws
    /// <see cref="KeyFileException"/> (one line, with the fix) when the directory cannot be tightened.
    /// </summary>
    public UnixFileMode? EnsurePrivate()
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        UnixFileMode mode;
        try
        {
            if (!Directory.Exists(Path))
            {
                return null; // the key files' own "not found" says more
            }

            mode = File.GetUnixFileMode(Path);
            const UnixFileMode writable = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
            if ((mode & others) == 0 || (mode & writable) != 0)
            {
                // Nothing to do, or writable by others: then the keys may already be swapped, and the strict-mode
                // check refuses with the chmod that fixes it instead of silently blessing them.
                return null;
            }

            File.SetUnixFileMode(Path, mode & ~others);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KeyFileException($"{Path}: key directory is open to other users and cannot be made 0700 ({ex.Message}); run 'chmod 700 {Path}' as its owner", ex);
        }

        return mode;
    }

    /// <summary>
    /// Creates fresh machine and agent keys and their binding. Without <paramref name="force"/> an existing
    /// key file is never replaced.
    /// </summary>
    public HostIdentity Generate(bool force)
    {
        string[] targets = [MachineKeyPath, AgentKeyPath, CertificatePath, BindingPath];
        if (!force)
        {
            foreach (string target in targets)
            {
                if (File.Exists(target))
                {
                    throw new KeyFileException($"{target}: already exists (use --force to replace the keys)");
                }
            }
        }

        MachineKey machine = MachineKey.Generate();
        try
        {
            AgentKey agent = AgentKey.Generate();
            byte[] binding = AgentBinding.Create(agent, machine.Id);

            string certificatePem;
            using (X509Certificate2 certificate = machine.CreateSelfSignedCertificate())
            {
                certificatePem = certificate.ExportCertificatePem() + "\n";
            }

            byte[][] contents =
            [
                Encoding.ASCII.GetBytes(machine.ExportPem()),
                Encoding.ASCII.GetBytes(agent.ExportPem()),
                Encoding.ASCII.GetBytes(certificatePem),
                binding,
            ];
            Write(targets, contents, force);
            return new HostIdentity(machine, agent, binding, certificatePem);
        }
        catch
        {
            machine.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Loads all three files. Fails with a <see cref="KeyFileException"/> naming the file when one is missing,
    /// corrupt or readable by others, or when the binding does not tie this agent key to this machine key
    /// (an agent key copied from another host).
    /// </summary>
    public HostIdentity Load()
    {
        CheckDirectory();
        MachineKey machine = MachineKey.FromPem(ReadText(MachineKeyPath), MachineKeyPath);
        try
        {
            AgentKey agent = AgentKey.FromPem(ReadText(AgentKeyPath), AgentKeyPath);
            byte[] binding = PrivateFile.ReadPrivate(BindingPath);
            if (!AgentBinding.Verify(agent.PublicKey.Span, machine.Id, binding))
            {
                throw new KeyFileException(
                    $"{BindingPath}: does not bind agent {agent.Id} to machine {machine.Id} "
                    + "(agent.key copied from another host, or files from different keygen runs)");
            }

            // Optional: a directory from before machine.crt existed derives the certificate when it is needed.
            string? certificatePem = File.Exists(CertificatePath) ? ReadText(CertificatePath) : null;
            return new HostIdentity(machine, agent, binding, certificatePem);
        }
        catch
        {
            machine.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Refuses a key directory that is not this user's own 0700 one (sshd's strict modes): anyone who can write it
    /// can swap the keys. A missing directory is left to the key files' own "not found".
    /// </summary>
    public void CheckDirectory()
    {
        if (Directory.Exists(Path) && Permissions.StrictModes.PrivateDirectoryProblem(Path) is { } problem)
        {
            throw new KeyFileException(problem);
        }
    }

    private static string ReadText(string path)
    {
        byte[] bytes = PrivateFile.ReadPrivate(path);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new KeyFileException($"{path}: not a PEM text file", ex);
        }
    }

    private void Write(string[] targets, byte[][] contents, bool force)
    {
        string[] temporaries = [.. targets.Select(t => $"{t}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}")];
        try
        {
            PrivateFile.EnsureDirectory(Path);
            for (int i = 0; i < targets.Length; i++)
            {
                PrivateFile.WriteTemporary(temporaries[i], contents[i]);
            }

            // The binding is renamed last: a crash in between leaves keys whose binding fails to verify,
            // which Load reports rather than silently pairing mismatched files.
            for (int i = 0; i < targets.Length; i++)
            {
                try
                {
                    File.Move(temporaries[i], targets[i], overwrite: force);
                }
                catch (IOException) when (!force && File.Exists(targets[i]))
                {
                    throw new KeyFileException($"{targets[i]}: already exists (use --force to replace the keys)");
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KeyFileException($"{Path}: cannot write keys: {ex.Message}", ex);
        }
        finally
        {
            foreach (string temporary in temporaries.Where(File.Exists))
            {
                File.Delete(temporary);
            }
        }
    }
}
