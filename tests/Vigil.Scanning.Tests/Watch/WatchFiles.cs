using System.Globalization;
using System.Text;
using Vigil.Detection.Streaming;
using Vigil.Scanning.Watch;

namespace Vigil.Scanning.Tests.Watch;

/// <summary>A private temporary folder and a deterministic metric series written as CSV lines.</summary>
internal sealed class WatchFiles : IDisposable
{
    public const string Header = "timestamp,value\n";

    public WatchFiles()
    {
        Folder = Directory.CreateTempSubdirectory("vigil-watch-test-").FullName;
    }

    public string Folder { get; }

    public string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>Noise around 10 with a spike of 60 at row 900 and a level shift to 30 from row 1500.</summary>
    public static double Value(int row)
    {
        uint h = (uint)row * 2654435761u;
        h ^= h >> 15;
        double noise = (h % 1000) / 1000.0;
        return row == 900 ? 60.0 : (row >= 1500 ? 30.0 : 10.0) + noise;
    }

    public static string Lines(int from, int to)
    {
        var text = new StringBuilder();
        for (int row = from; row < to; row++)
        {
            text.Append(CultureInfo.InvariantCulture, $"2024-01-01T{row / 60 % 24:00}:{row % 60:00}:00Z,{Value(row):R}\n");
        }

        return text.ToString();
    }

    public static void Append(string path, string text)
    {
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        stream.Write(Encoding.UTF8.GetBytes(text));
    }

    public static WatchSettings Settings(bool scores = true) => new([], null, scores, new CausalDetectorOptions());

    public WatchRequest Follow(string path, string? checkpoint = null, bool fromStart = true) =>
        new(path, Settings(), null, Follow: true, FromStart: fromStart, Checkpoint: checkpoint);

    /// <summary>Polls until the follower has nothing more: progress is observed, never waited for.</summary>
    public static void Drain(FollowSession session)
    {
        while (session.PollOnce() > 0)
        {
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not a test failure.
        }
    }
}
