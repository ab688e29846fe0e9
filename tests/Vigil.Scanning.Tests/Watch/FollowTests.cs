using Vigil.Scanning.Watch;

namespace Vigil.Scanning.Tests.Watch;

public sealed class FollowTests : IDisposable
{
    private readonly WatchFiles _files = new();

    [Fact]
    public void Only_complete_lines_are_read_and_a_partial_line_waits_for_its_end()
    {
        string log = _files.PathOf("metrics.csv");
        File.WriteAllText(log, WatchFiles.Header + WatchFiles.Lines(0, 100));
        var sink = new CollectingSink();
        using var session = new FollowSession(_files.Follow(log), sink);
        WatchFiles.Drain(session);
        Assert.Equal(100, sink.Events.Count);

        string next = WatchFiles.Lines(100, 101);
        WatchFiles.Append(log, next[..10]);
        Assert.Equal(0, session.PollOnce());
        WatchFiles.Append(log, next[10..]);
        WatchFiles.Drain(session);
        Assert.Equal(101, sink.Events.Count);
        Assert.Equal(WatchFiles.Value(100), sink.Events[^1].Value);
        Assert.Equal(Enumerable.Range(0, 101).Select(r => (long)r), sink.Events.Select(e => e.Row));
    }

    [Fact]
    public void Without_from_start_only_appended_rows_are_read_under_the_existing_header()
    {
        string log = _files.PathOf("metrics.csv");
        File.WriteAllText(log, WatchFiles.Header + WatchFiles.Lines(0, 50));
        var sink = new CollectingSink();
        using var session = new FollowSession(_files.Follow(log, fromStart: false), sink);
        WatchFiles.Drain(session);
        Assert.Empty(sink.Events);
        WatchFiles.Append(log, WatchFiles.Lines(50, 60));
        WatchFiles.Drain(session);
        Assert.Equal(Enumerable.Range(50, 10).Select(WatchFiles.Value), sink.Events.Select(e => e.Value));
        Assert.All(sink.Events, e => Assert.Equal("value", e.Series));
    }

    [Fact]
    public void Rename_and_recreate_drains_the_old_file_then_reads_the_new_one()
    {
        (string log, CollectingSink sink, FollowSession session, List<string> reopened) = FollowHundredRows();
        using FollowSession owned = session;

        // logrotate: rename; the writer still holds the old file and writes a little more; then a new file appears.
        File.Move(log, log + ".1");
        WatchFiles.Append(log + ".1", WatchFiles.Lines(100, 110));
        File.WriteAllText(log, WatchFiles.Header + WatchFiles.Lines(110, 130));
        WatchFiles.Drain(session);

        Assert.Equal(["rotated"], reopened);
        Assert.Equal(Enumerable.Range(0, 130).Select(WatchFiles.Value), sink.Events.Select(e => e.Value));
        Assert.Equal(Enumerable.Range(0, 130).Select(r => (long)r), sink.Events.Select(e => e.Row));
    }

    [Fact]
    public void Copytruncate_restarts_at_the_top_of_the_same_file()
    {
        (string log, CollectingSink sink, FollowSession session, List<string> reopened) = FollowHundredRows();
        using FollowSession owned = session;

        File.Copy(log, log + ".1");
        using (new FileStream(log, FileMode.Truncate, FileAccess.Write, FileShare.ReadWrite))
        {
        }

        WatchFiles.Drain(session);
        // The writer carries on appending to the now-empty file, without a header.
        WatchFiles.Append(log, WatchFiles.Lines(100, 140));
        WatchFiles.Drain(session);

        Assert.Equal(["truncated"], reopened);
        Assert.Equal(Enumerable.Range(0, 140).Select(WatchFiles.Value), sink.Events.Select(e => e.Value));
    }

    [Fact]
    public void A_restart_resumes_from_the_checkpoint_without_rereading_or_realerting()
    {
        string log = _files.PathOf("metrics.csv");
        string checkpoint = _files.PathOf("watch.state");
        string all = WatchFiles.Header + WatchFiles.Lines(0, 2000);
        File.WriteAllText(_files.PathOf("whole.csv"), all);
        var reference = new CollectingSink();
        WatchRunner.RunOnce(new WatchRequest(_files.PathOf("whole.csv"), WatchFiles.Settings(), null, false, false, null), reference, () => Stream.Null);
        Assert.Contains(reference.Alerts, e => e.Row == 900);

        // First life: rows 0..1199 (the spike at 900 alerts here), then a stop.
        File.WriteAllText(log, WatchFiles.Header + WatchFiles.Lines(0, 1200));
        var first = new CollectingSink();
        using (var session = new FollowSession(_files.Follow(log, checkpoint), first))
        {
            WatchFiles.Drain(session);
            session.SaveCheckpoint();
        }

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(checkpoint));
        }

        // While down, the file grows; the second life continues from the checkpoint.
        WatchFiles.Append(log, WatchFiles.Lines(1200, 2000));
        var second = new CollectingSink();
        using (var session = new FollowSession(_files.Follow(log, checkpoint), second))
        {
            WatchFiles.Drain(session);
        }

        Assert.Equal(1200, second.Events[0].Row);
        Assert.DoesNotContain(second.Alerts, e => e.Row < 1200);
        Assert.Equal(reference.Events, [.. first.Events, .. second.Events]);
    }

    [Fact]
    public void A_damaged_checkpoint_is_a_one_line_error_not_a_fresh_start()
    {
        string log = _files.PathOf("metrics.csv");
        string checkpoint = _files.PathOf("watch.state");
        File.WriteAllText(log, WatchFiles.Header + WatchFiles.Lines(0, 10));
        File.WriteAllBytes(checkpoint, [1, 2, 3]);
        var e = Assert.Throws<WatchInputException>(() => new FollowSession(_files.Follow(log, checkpoint), new CollectingSink()));
        Assert.Contains("watch.state", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    // A followed file that already holds 100 rows, all read, with the follower's reopen events recorded.
    private (string Log, CollectingSink Sink, FollowSession Session, List<string> Reopened) FollowHundredRows()
    {
        string log = _files.PathOf("metrics.csv");
        File.WriteAllText(log, WatchFiles.Header + WatchFiles.Lines(0, 100));
        var sink = new CollectingSink();
        var session = new FollowSession(_files.Follow(log), sink);
        var reopened = new List<string>();
        session.Follower.Reopened += reopened.Add;
        WatchFiles.Drain(session);
        return (log, sink, session, reopened);
    }

    public void Dispose() => _files.Dispose();
}
