using System.Threading.Channels;
using Vigil.Exec.Locking;

namespace Vigil.Exec.Audit;

/// <summary>
/// The hash-chained JSONL audit log. <see cref="AppendAsync"/> returns once the line is on disk (fsync).
/// Concurrent appends are group-committed: one writer loop takes everything queued, writes it in one write
/// and covers it with one fsync, then releases each waiting caller.
/// </summary>
/// <remarks>
/// <para>The file is reopened for every batch (like the reference), so external rotation is safe: when the
/// file is not the length this log last left it at (rotated, truncated, or appended by someone else), the
/// chain is resumed from the file's last line, or started at seq 0 for an empty file.</para>
/// <para>Resuming reads only the last line; checking the whole chain is <see cref="AuditVerifier"/>'s job.
/// A last line without a trailing newline (a torn write) or one without chain fields is never extended:
/// appending fails with <see cref="AuditUnavailableException"/> until an operator moves the file aside,
/// because silently truncating or skipping it would destroy evidence.</para>
/// <para>The log holds an exclusive lock on <c>&lt;log&gt;.lock</c> for its lifetime: a second writer (another
/// daemon with the same <c>audit_log_path</c>) would interleave appends and break the chain, so it fails at
/// construction with <see cref="AuditLogInUseException"/>.</para>
/// <para>If writing a batch fails, the file is truncated back to where the batch began, so callers that
/// were told "not durable" are not later found in the log.</para>
/// </remarks>
public sealed class AuditLog : IAuditSink, IAsyncDisposable
{
    private const int MaxBatch = 1024;
    private const int TailChunk = 4096;

    private readonly TimeProvider _time;
    private readonly Channel<PendingLine> _queue =
        Channel.CreateUnbounded<PendingLine>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Task _writer;
    private readonly ExclusiveFileLock? _lock;

    // Chain state; touched only by the writer loop.
    private long _nextSeq;
    private string _prev = AuditChain.GenesisPrev;
    private long _knownLength = -1;

    public AuditLog(string path, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(time);
        Path = System.IO.Path.GetFullPath(path);
        _time = time;
        if (File.Exists(Path) && Permissions.StrictModes.AuditLogProblem(Path) is { } problem)
        {
            // Someone else who can write the log can forge or erase the trail: refuse to start on it.
            throw new IOException("insecure audit log: " + problem);
        }

        _lock = AcquireLock(Path);
        _writer = Task.Run(WriteLoopAsync);
    }

    public string Path { get; }

    /// <inheritdoc/>
    public ValueTask AppendAsync(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        byte[] body;
        try
        {
            body = AuditRecord.SerializeBody(auditEvent, _time.GetUtcNow().ToUnixTimeMilliseconds());
        }
        catch (ArgumentException ex)
        {
            return ValueTask.FromException(new AuditUnavailableException(Path, $"cannot serialise event: {ex.Message}", ex));
        }

        var pending = new PendingLine(body);
        if (!_queue.Writer.TryWrite(pending))
        {
            return ValueTask.FromException(new AuditUnavailableException(Path, "the log is closed"));
        }

        return new ValueTask(pending.Durable.Task);
    }

    /// <summary>Stops accepting events, waits for queued ones to be written.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        _lock?.Dispose();
    }

    /// <summary>
    /// Null when the lock file cannot be created at all (missing or unwritable directory): then no append can
    /// succeed either, and each one reports that as <see cref="AuditUnavailableException"/>, which the
    /// <c>audit_failure</c> mode governs. Only a lock held by someone else fails construction.
    /// </summary>
    private static ExclusiveFileLock? AcquireLock(string path)
    {
        string lockPath = path + ".lock";
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            return ExclusiveFileLock.TryAcquire(lockPath) ?? throw new AuditLogInUseException(path, lockPath);
        }
        catch (Exception ex) when (ex is not AuditLogInUseException && ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingLine>(MaxBatch);
        ChannelReader<PendingLine> reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out PendingLine? pending))
            {
                batch.Add(pending);
            }

            try
            {
                WriteBatch(batch);
                foreach (PendingLine pending in batch)
                {
                    pending.Durable.TrySetResult();
                }
            }
            catch (Exception ex)
            {
                var failure = ex as AuditUnavailableException ?? new AuditUnavailableException(Path, ex.Message, ex);
                foreach (PendingLine pending in batch)
                {
                    pending.Durable.TrySetException(failure);
                }
            }
        }
    }

    private void WriteBatch(List<PendingLine> batch)
    {
        string directory = System.IO.Path.GetDirectoryName(Path)!;
        Directory.CreateDirectory(directory);
        bool created = !File.Exists(Path);
        var options = new FileStreamOptions
        {
            Mode = FileMode.OpenOrCreate,
            Access = FileAccess.ReadWrite,
            Share = FileShare.Read,
            BufferSize = 0,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var file = new FileStream(Path, options);
        long start = file.Length;
        if (start != _knownLength)
        {
            // Rotated or changed behind the log's back: the file it now is must be as private as the one it was.
            if (Permissions.StrictModes.AuditLogProblem(Path) is { } problem)
            {
                throw new AuditUnavailableException(Path, problem);
            }

            Resume(file, start);
        }

        long seq = _nextSeq;
        string prev = _prev;
        using var buffer = new MemoryStream();
        foreach (PendingLine pending in batch)
        {
            byte[] line = AuditChain.Link(pending.Body, seq, prev);
            buffer.Write(line);
            buffer.WriteByte((byte)'\n');
            prev = AuditChain.HashLine(line);
            seq++;
        }

        try
        {
            file.Position = start;
            file.Write(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            file.Flush(flushToDisk: true);
            if (created)
            {
                DirectorySync.Flush(directory);
            }
        }
        catch
        {
            _knownLength = -1;
            RollBack(file, start);
            throw;
        }

        _nextSeq = seq;
        _prev = prev;
        _knownLength = start + buffer.Length;
    }

    private static void RollBack(FileStream file, long length)
    {
        try
        {
            file.SetLength(length);
            file.Flush(flushToDisk: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Nothing more can be done; the next batch resumes from whatever the file now ends with and
            // refuses a torn tail.
        }
    }

    private void Resume(FileStream file, long length)
    {
        if (length == 0)
        {
            _nextSeq = 0;
            _prev = AuditChain.GenesisPrev;
            return;
        }

        byte[] last = ReadLastLine(file, length);
        if (!AuditChain.TryReadLink(last, out long seq, out _))
        {
            throw new AuditUnavailableException(
                Path, "the last line is not a chained audit record (no seq/prev); refusing to extend it; move the file aside");
        }

        _nextSeq = seq + 1;
        _prev = AuditChain.HashLine(last);
    }

    private byte[] ReadLastLine(FileStream file, long length)
    {
        byte[] one = new byte[1];
        file.Position = length - 1;
        file.ReadExactly(one);
        if (one[0] != (byte)'\n')
        {
            throw new AuditUnavailableException(
                Path, "the last line is torn (no trailing newline); refusing to extend a broken chain; "
                + "run 'vigil audit verify' and move the file aside");
        }

        // Walk back from the final newline to the one before it, a chunk at a time.
        long position = length - 1;
        var chunks = new List<byte[]>();
        byte[] chunk = new byte[TailChunk];
        while (position > 0)
        {
            int count = (int)Math.Min(TailChunk, position);
            file.Position = position - count;
            file.ReadExactly(chunk, 0, count);
            int newline = chunk.AsSpan(0, count).LastIndexOf((byte)'\n');
            if (newline >= 0)
            {
                chunks.Add(chunk[(newline + 1)..count]);
                break;
            }

            chunks.Add(chunk[..count]);
            position -= count;
        }

        chunks.Reverse();
        return [.. chunks.SelectMany(c => c)];
    }

    private sealed class PendingLine(byte[] body)
    {
        public byte[] Body { get; } = body;

        public TaskCompletionSource Durable { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
