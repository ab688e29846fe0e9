using System.Runtime.InteropServices;
using Vigil.Exec.Interop;

namespace Vigil.Exec.Runner;

/// <summary>
/// Drains one output pipe to EOF (reference x0x §6.4): counts every byte, warns once at the threshold,
/// forwards until the cap, warns once when the cap is reached, then keeps draining so the child never
/// blocks and the totals stay exact. The last bytes are kept for the Exit tail.
/// </summary>
internal sealed class OutputPump
{
    private const int ChunkSize = 16384;

    private readonly OutputStream _stream;
    private readonly long _cap;
    private readonly long _warn;
    private readonly Action<RunEvent> _emit;
    private readonly TailBuffer _tail;
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _total;
    private long _forwarded;
    private uint _seq;
    private bool _warned;
    private bool _capHit;

    public OutputPump(OutputStream stream, long cap, long warn, int tailBytes, Action<RunEvent> emit)
    {
        _stream = stream;
        _cap = cap;
        _warn = warn;
        _emit = emit;
        _tail = new TailBuffer(tailBytes);
    }

    public Task Completion => _done.Task;

    public long Total
    {
        get
        {
            lock (_gate)
            {
                return _total;
            }
        }
    }

    public bool CapHit
    {
        get
        {
            lock (_gate)
            {
                return _capHit;
            }
        }
    }

    /// <summary>The retained tail if bytes were discarded past the cap, otherwise empty.</summary>
    public byte[] TailIfDiscarded()
    {
        lock (_gate)
        {
            return _total > _forwarded ? _tail.ToArray() : [];
        }
    }

    /// <summary>Starts a dedicated reader thread that owns and finally closes <paramref name="fd"/>.</summary>
    public void Start(int fd)
    {
        var thread = new Thread(() => ReadLoop(fd)) { IsBackground = true, Name = "vigil-" + (_stream == OutputStream.Stdout ? "stdout" : "stderr") };
        thread.Start();
    }

    /// <summary>Accounts one chunk read from the pipe; the emitted events follow the reference order.</summary>
    public void Accept(ReadOnlySpan<byte> chunk)
    {
        lock (_gate)
        {
            _total += chunk.Length;
            if (!_warned && _warn > 0 && _total >= _warn)
            {
                _warned = true;
                _emit(new RunWarning(
                    _stream == OutputStream.Stdout ? WarningKind.StdoutApproachingCap : WarningKind.StderrApproachingCap,
                    _stream == OutputStream.Stdout ? "stdout warning threshold reached" : "stderr warning threshold reached",
                    _total));
            }

            if (_forwarded < _cap)
            {
                int take = (int)Math.Min(chunk.Length, _cap - _forwarded);
                if (take > 0)
                {
                    _emit(new RunOutput(_stream, _seq++, chunk[..take].ToArray()));
                    _forwarded += take;
                }
            }

            if (!_capHit && _total >= _cap)
            {
                _capHit = true;
                _emit(new RunWarning(
                    _stream == OutputStream.Stdout ? WarningKind.StdoutCapHit : WarningKind.StderrCapHit,
                    _stream == OutputStream.Stdout ? "stdout cap hit; further bytes discarded" : "stderr cap hit; further bytes discarded",
                    _total));
            }

            _tail.Append(chunk);
        }
    }

    private unsafe void ReadLoop(int fd)
    {
        byte[] buffer = new byte[ChunkSize];
        try
        {
            fixed (byte* p = buffer)
            {
                while (true)
                {
                    nint n = LibC.Read(fd, p, buffer.Length);
                    if (n < 0 && Marshal.GetLastSystemError() == LibC.EINTR)
                    {
                        continue;
                    }

                    if (n <= 0)
                    {
                        break;
                    }

                    Accept(buffer.AsSpan(0, (int)n));
                }
            }
        }
        finally
        {
            LibC.Close(fd);
            _done.TrySetResult();
        }
    }
}
