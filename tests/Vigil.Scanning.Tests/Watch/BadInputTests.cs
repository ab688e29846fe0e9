using System.Text;
using Vigil.Scanning.Watch;

namespace Vigil.Scanning.Tests.Watch;

public sealed class BadInputTests : IDisposable
{
    private readonly WatchFiles _files = new();

    public static TheoryData<string, byte[]> BadRecords => new()
    {
        { "extra field", "2024-01-01T00:00:00Z,1,2,3\n"u8.ToArray() },
        { "invalid UTF-8", [.. "2024-01-01T00:00:00Z,"u8, 0xC3, 0x28, (byte)'\n'] },
        { "truncated quoted record", "\"2024-01-01T00:0\n"u8.ToArray() },
        { "word for a number", "2024-01-01T00:00:00Z,lots\n"u8.ToArray() },
    };

    [Theory]
    [MemberData(nameof(BadRecords))]
    public void A_bad_record_mid_file_is_counted_and_no_following_row_is_lost(string what, byte[] bad)
    {
        string path = _files.PathOf("metrics.csv");
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes(WatchFiles.Header + WatchFiles.Lines(0, 300)), .. bad, .. Encoding.UTF8.GetBytes(WatchFiles.Lines(300, 400))]);
        var sink = new CollectingSink();
        WatchSummary summary = WatchRunner.RunOnce(new WatchRequest(path, WatchFiles.Settings(), null, false, false, null), sink, () => Stream.Null);
        Assert.True(summary.BadRecords == 1, what);
        Assert.NotNull(summary.FirstBadRecord);
        Assert.Equal(Enumerable.Range(0, 400).Select(WatchFiles.Value), sink.Events.Select(e => e.Value));
    }

    [Fact]
    public void A_bad_record_appended_to_a_followed_file_does_not_stop_the_watch()
    {
        string path = _files.PathOf("metrics.csv");
        File.WriteAllText(path, WatchFiles.Header + WatchFiles.Lines(0, 100));
        var sink = new CollectingSink();
        using var session = new FollowSession(_files.Follow(path), sink);
        WatchFiles.Drain(session);
        File.AppendAllText(path, "garbage,,,,\n" + WatchFiles.Lines(100, 120));
        WatchFiles.Drain(session);
        Assert.Equal(1, session.BadRecords.Count);
        Assert.Equal(Enumerable.Range(0, 120).Select(WatchFiles.Value), sink.Events.Select(e => e.Value));
    }

    public void Dispose() => _files.Dispose();
}
