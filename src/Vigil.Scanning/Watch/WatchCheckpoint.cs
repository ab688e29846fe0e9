using System.Text;
using Vigil.Detection.Streaming;

namespace Vigil.Scanning.Watch;

/// <summary>
/// Where a followed watch stood: the file (identity), the byte offset after the last processed line, the resolved
/// format and header, the counters, and every series' detector state. Written atomically (temp file + rename, mode
/// 0600) so a crash leaves the previous checkpoint; restoring it resumes without re-reading or re-alerting.
/// </summary>
internal sealed class WatchCheckpoint
{
    private const string Magic = "vigil-watch-checkpoint";
    private const int Version = 1;

    public required string Path { get; init; }

    public FileIdentity? Identity { get; init; }

    public long Offset { get; init; }

    public string? Format { get; init; }

    public byte[]? Header { get; init; }

    public long Rows { get; init; }

    public long Alerts { get; init; }

    public long BadRecords { get; init; }

    public string? FirstBadRecord { get; init; }

    /// <summary>Series name → detector state as written by <see cref="CausalDetector.WriteState"/>.</summary>
    public required IReadOnlyDictionary<string, byte[]> Series { get; init; }

    public static WatchCheckpoint Capture(string path, FileFollower follower, LineBatchReader reader, WatchEngine engine, BadRecordTally bad)
    {
        var series = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach ((string name, CausalDetector detector) in engine.Detectors)
        {
            using var buffer = new MemoryStream();
            using (var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
            {
                detector.WriteState(w);
            }

            series.Add(name, buffer.ToArray());
        }

        return new WatchCheckpoint
        {
            Path = path,
            Identity = follower.Identity,
            Offset = follower.Offset,
            Format = reader.Format,
            Header = reader.Header,
            Rows = engine.Rows,
            Alerts = engine.Alerts,
            BadRecords = bad.Count,
            FirstBadRecord = bad.First,
            Series = series,
        };
    }

    /// <summary>Restores the engine's detectors and counters.</summary>
    public void RestoreInto(WatchEngine engine, CausalDetectorOptions options, BadRecordTally bad)
    {
        foreach ((string name, byte[] state) in Series)
        {
            var detector = new CausalDetector(options);
            using var r = new BinaryReader(new MemoryStream(state), Encoding.UTF8);
            detector.ReadState(r);
            engine.Restore(name, detector);
        }

        engine.ResumeAt(Rows, Alerts);
        bad.Restore(BadRecords, FirstBadRecord);
    }

    public void Save(string file)
    {
        string temp = file + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Detector state mirrors the watched data: owner-only, like every other secret-ish file Vigil writes.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temp, options))
        using (var w = new BinaryWriter(stream, Encoding.UTF8))
        {
            w.Write(Magic);
            w.Write(Version);
            w.Write(Path);
            w.Write(Identity is not null);
            w.Write(Identity?.Device ?? 0);
            w.Write(Identity?.Inode ?? 0);
            w.Write(Offset);
            w.Write(Format ?? "");
            w.Write(Header?.Length ?? -1);
            if (Header is not null)
            {
                w.Write(Header);
            }

            w.Write(Rows);
            w.Write(Alerts);
            w.Write(BadRecords);
            w.Write(FirstBadRecord ?? "");
            w.Write(Series.Count);
            foreach ((string name, byte[] state) in Series)
            {
                w.Write(name);
                w.Write(state.Length);
                w.Write(state);
            }

            w.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, file, overwrite: true);
    }

    /// <summary>Reads a checkpoint; null when the file does not exist. A damaged one is a <see cref="WatchInputException"/>.</summary>
    public static WatchCheckpoint? Load(string file)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        try
        {
            using var r = new BinaryReader(File.OpenRead(file), Encoding.UTF8);
            if (r.ReadString() != Magic || r.ReadInt32() != Version)
            {
                throw new InvalidDataException("not a watch checkpoint of this version");
            }

            string path = r.ReadString();
            bool hasIdentity = r.ReadBoolean();
            var identity = new FileIdentity(r.ReadUInt64(), r.ReadUInt64());
            long offset = r.ReadInt64();
            string format = r.ReadString();
            int headerLength = r.ReadInt32();
            byte[]? header = headerLength >= 0 ? r.ReadBytes(headerLength) : null;
            long rows = r.ReadInt64();
            long alerts = r.ReadInt64();
            long badRecords = r.ReadInt64();
            string firstBad = r.ReadString();
            int count = r.ReadInt32();
            var series = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
            for (int i = 0; i < count; i++)
            {
                string name = r.ReadString();
                series[name] = r.ReadBytes(r.ReadInt32());
            }

            return new WatchCheckpoint
            {
                Path = path,
                Identity = hasIdentity ? identity : null,
                Offset = offset,
                Format = format.Length == 0 ? null : format,
                Header = header,
                Rows = rows,
                Alerts = alerts,
                BadRecords = badRecords,
                FirstBadRecord = firstBad.Length == 0 ? null : firstBad,
                Series = series,
            };
        }
        catch (Exception e) when (e is IOException or InvalidDataException or EndOfStreamException or ArgumentException)
        {
            throw new WatchInputException($"{file}: unreadable watch checkpoint: {e.Message.ReplaceLineEndings(" ")}");
        }
    }
}
