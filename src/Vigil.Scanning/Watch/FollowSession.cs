using Vigil.Core.Columns;

namespace Vigil.Scanning.Watch;

/// <summary>
/// A followed file: follower + batch reader + engine + checkpoint. <see cref="PollOnce"/> processes whatever has been
/// appended and returns at once, so the caller owns waiting (a poll interval in production, explicit steps in tests).
/// </summary>
internal sealed class FollowSession : IDisposable
{
    private readonly WatchRequest _request;
    private readonly IWatchSink _sink;
    private readonly WatchEngine _engine;
    private readonly LineBatchReader _reader;
    private readonly FileFollower _follower;
    private readonly BadRecordTally _bad = new();
    private readonly string _path;

    public FollowSession(WatchRequest request, IWatchSink sink)
    {
        _request = request;
        _sink = sink;
        _path = Path.GetFullPath(request.Source);
        _engine = new WatchEngine(request.Settings, _bad);
        WatchCheckpoint? checkpoint = request.Checkpoint is null ? null : WatchCheckpoint.Load(request.Checkpoint);
        long offset;
        if (checkpoint is not null && checkpoint.Path == _path)
        {
            RestoreOrFail(checkpoint);
            _reader = new LineBatchReader(request.Source, checkpoint.Format ?? request.Format, checkpoint.Header);
            // The same file, at least as long as what was read: continue where we stopped. Otherwise it was rotated or
            // truncated while we were down, and what is there now is new.
            FileIdentity? now = FileIdentity.Of(_path);
            bool same = checkpoint.Identity is null || now is null || checkpoint.Identity == now;
            offset = same && Length(_path) >= checkpoint.Offset ? checkpoint.Offset : 0;
        }
        else
        {
            _reader = new LineBatchReader(request.Source, request.Format, header: null);
            offset = request.FromStart ? 0 : Length(_path);
            if (offset > 0)
            {
                _reader.Prime(Head(_path));
            }
        }

        _follower = new FileFollower(_path, offset);
    }

    public WatchEngine Engine => _engine;

    public BadRecordTally BadRecords => _bad;

    public FileFollower Follower => _follower;

    /// <summary>Processes what has been appended since the last call; returns the bytes consumed (0 = nothing new).</summary>
    public int PollOnce()
    {
        byte[] lines = _follower.Poll();
        if (lines.Length == 0)
        {
            return 0;
        }

        long offset = _follower.Offset - lines.Length;
        foreach (RecordSet batch in _reader.Read(lines, offset, fromFileStart: offset == 0, _bad))
        {
            _engine.Process(batch, _sink);
        }

        _sink.Flush();
        if (_request.Checkpoint is not null)
        {
            SaveCheckpoint();
        }

        return lines.Length;
    }

    public void SaveCheckpoint()
    {
        if (_request.Checkpoint is not null)
        {
            WatchCheckpoint.Capture(_path, _follower, _reader, _engine, _bad).Save(_request.Checkpoint);
        }
    }

    public WatchSummary Summary => new(_engine.Rows, _engine.Alerts, _bad.Count, _bad.First);

    private void RestoreOrFail(WatchCheckpoint checkpoint)
    {
        try
        {
            checkpoint.RestoreInto(_engine, _request.Settings.Detector, _bad);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
        {
            throw new WatchInputException($"{_request.Checkpoint}: unreadable watch checkpoint: {e.Message.ReplaceLineEndings(" ")}");
        }
    }

    private static long Length(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? info.Length : 0;
    }

    private static byte[] Head(string path)
    {
        using FileStream s = File.OpenRead(path);
        byte[] buffer = new byte[Math.Min(s.Length, 1 << 16)];
        s.ReadExactly(buffer);
        return buffer;
    }

    public void Dispose() => _follower.Dispose();
}
