using System.Runtime.InteropServices;
using System.Text;
using Vigil.Exec.Interop;

namespace Vigil.Exec.Runner;

/// <summary>
/// A child started with posix_spawn as the leader of its own process group, with its three stdio pipes.
/// Signals always go to the whole group. The pid is reaped by one dedicated thread; after that the group
/// id is still signalled because the kernel does not hand out an id that is still a live group's id.
/// </summary>
internal sealed unsafe class ChildProcess
{
    private readonly TaskCompletionSource<ChildStatus> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _stdinFd;

    private ChildProcess(int pid, int stdinFd, int stdoutFd, int stderrFd)
    {
        Pid = pid;
        _stdinFd = stdinFd;
        StdoutFd = stdoutFd;
        StderrFd = stderrFd;
        var reaper = new Thread(Reap) { IsBackground = true, Name = "vigil-reap-" + pid.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        reaper.Start();
    }

    public int Pid { get; }

    /// <summary>Parent's read end of the child's stdout (owned by the output pump).</summary>
    public int StdoutFd { get; }

    /// <summary>Parent's read end of the child's stderr (owned by the output pump).</summary>
    public int StderrFd { get; }

    /// <summary>Completes when the child has been reaped.</summary>
    public Task<ChildStatus> Exited => _exited.Task;

    /// <summary>
    /// Spawns <paramref name="executable"/> (already resolved) with argv and env exactly as given, stdio on
    /// fresh pipes, its own process group, default signal dispositions and an empty signal mask (the .NET
    /// runtime ignores SIGPIPE; a child must not inherit that). Throws <see cref="ChildSpawnException"/>.
    /// </summary>
    public static ChildProcess Spawn(string executable, IReadOnlyList<string> argv, IReadOnlyList<string> env, string? cwd)
    {
        int* stdinPipe = stackalloc int[2];
        int* stdoutPipe = stackalloc int[2];
        int* stderrPipe = stackalloc int[2];
        stdinPipe[0] = stdinPipe[1] = stdoutPipe[0] = stdoutPipe[1] = stderrPipe[0] = stderrPipe[1] = -1;
        var strings = new List<nint>();
        void* actions = NativeMemory.AllocZeroed(LibC.FileActionsSize);
        void* attr = NativeMemory.AllocZeroed(LibC.SpawnAttrSize);
        void* sigDefault = NativeMemory.AllocZeroed(LibC.SigSetSize);
        void* sigMask = NativeMemory.AllocZeroed(LibC.SigSetSize);
        bool actionsInit = false, attrInit = false, spawned = false;
        try
        {
            if (LibC.Pipe2(stdinPipe, LibC.O_CLOEXEC) != 0 || LibC.Pipe2(stdoutPipe, LibC.O_CLOEXEC) != 0 ||
                LibC.Pipe2(stderrPipe, LibC.O_CLOEXEC) != 0)
            {
                throw new ChildSpawnException("pipe2 failed: errno " + Marshal.GetLastSystemError().ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            Check(LibC.FileActionsInit(actions), "posix_spawn_file_actions_init");
            actionsInit = true;
            // dup2 clears close-on-exec on the target descriptor; every other pipe end is O_CLOEXEC.
            Check(LibC.FileActionsAddDup2(actions, stdinPipe[0], 0), "adddup2");
            Check(LibC.FileActionsAddDup2(actions, stdoutPipe[1], 1), "adddup2");
            Check(LibC.FileActionsAddDup2(actions, stderrPipe[1], 2), "adddup2");
            if (cwd is not null)
            {
                byte* cwdPtr = Utf8(cwd, strings);
                Check(LibC.FileActionsAddChdir(actions, cwdPtr), "addchdir");
            }

            Check(LibC.AttrInit(attr), "posix_spawnattr_init");
            attrInit = true;
            Check(LibC.AttrSetFlags(attr, (short)(LibC.POSIX_SPAWN_SETPGROUP | LibC.POSIX_SPAWN_SETSIGDEF | LibC.POSIX_SPAWN_SETSIGMASK)), "setflags");
            Check(LibC.AttrSetPgroup(attr, 0), "setpgroup");
            LibC.SigFillSet(sigDefault);
            LibC.SigEmptySet(sigMask);
            Check(LibC.AttrSetSigDefault(attr, sigDefault), "setsigdefault");
            Check(LibC.AttrSetSigMask(attr, sigMask), "setsigmask");

            byte* path = Utf8(executable, strings);
            byte** argvPtr = NullTerminated(argv, strings);
            byte** envPtr = NullTerminated(env, strings);
            int rc = LibC.PosixSpawn(out int pid, path, actions, attr, argvPtr, envPtr);
            if (rc != 0)
            {
                throw new ChildSpawnException("posix_spawn " + executable + " failed: errno " + rc.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            spawned = true;
            LibC.Close(stdinPipe[0]);
            LibC.Close(stdoutPipe[1]);
            LibC.Close(stderrPipe[1]);
            return new ChildProcess(pid, stdinPipe[1], stdoutPipe[0], stderrPipe[0]);
        }
        finally
        {
            if (!spawned)
            {
                for (int i = 0; i < 2; i++)
                {
                    CloseIfOpen(stdinPipe[i]);
                    CloseIfOpen(stdoutPipe[i]);
                    CloseIfOpen(stderrPipe[i]);
                }
            }

            if (actionsInit)
            {
                LibC.FileActionsDestroy(actions);
            }

            if (attrInit)
            {
                LibC.AttrDestroy(attr);
            }

            NativeMemory.Free(actions);
            NativeMemory.Free(attr);
            NativeMemory.Free(sigDefault);
            NativeMemory.Free(sigMask);
            foreach (nint p in strings)
            {
                NativeMemory.Free((void*)p);
            }
        }
    }

    /// <summary>Writes all of <paramref name="data"/> to the child's stdin and closes it. Write errors (EPIPE) are ignored.</summary>
    public void WriteStdinAndClose(ReadOnlyMemory<byte> data)
    {
        int fd = Interlocked.Exchange(ref _stdinFd, -1);
        if (fd < 0)
        {
            return;
        }

        try
        {
            ReadOnlySpan<byte> rest = data.Span;
            fixed (byte* start = rest)
            {
                int offset = 0;
                while (offset < rest.Length)
                {
                    nint n = LibC.Write(fd, start + offset, rest.Length - offset);
                    if (n < 0)
                    {
                        if (Marshal.GetLastSystemError() == LibC.EINTR)
                        {
                            continue;
                        }

                        break;
                    }

                    offset += (int)n;
                }
            }
        }
        finally
        {
            LibC.Close(fd);
        }
    }

    /// <summary>Sends <paramref name="signal"/> to the child's whole process group; false if no member is left.</summary>
    public bool SignalGroup(int signal) => LibC.Kill(-Pid, signal) == 0;

    private void Reap()
    {
        int status = 0;
        while (true)
        {
            int rc = LibC.WaitPid(Pid, &status, 0);
            if (rc == Pid)
            {
                break;
            }

            if (rc < 0 && Marshal.GetLastSystemError() == LibC.EINTR)
            {
                continue;
            }

            // ECHILD: someone else reaped it (should not happen); report an unknown status.
            _exited.TrySetResult(new ChildStatus(null, null));
            return;
        }

        int low = status & 0x7f;
        ChildStatus result = low == 0
            ? new ChildStatus((status >> 8) & 0xff, null)
            : new ChildStatus(null, low);
        _exited.TrySetResult(result);
    }

    private static void Check(int rc, string what)
    {
        if (rc != 0)
        {
            throw new ChildSpawnException(what + " failed: errno " + rc.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static void CloseIfOpen(int fd)
    {
        if (fd >= 0)
        {
            LibC.Close(fd);
        }
    }

    private static byte* Utf8(string s, List<nint> owned)
    {
        if (s.Contains('\0', StringComparison.Ordinal))
        {
            throw new ChildSpawnException("argument contains a NUL character");
        }

        int len = Encoding.UTF8.GetByteCount(s);
        byte* p = (byte*)NativeMemory.Alloc((nuint)len + 1);
        owned.Add((nint)p);
        Encoding.UTF8.GetBytes(s, new Span<byte>(p, len));
        p[len] = 0;
        return p;
    }

    private static byte** NullTerminated(IReadOnlyList<string> items, List<nint> owned)
    {
        byte** array = (byte**)NativeMemory.AllocZeroed((nuint)(items.Count + 1), (nuint)sizeof(nint));
        owned.Add((nint)array);
        for (int i = 0; i < items.Count; i++)
        {
            array[i] = Utf8(items[i], owned);
        }

        return array;
    }
}
