using Vigil.Core.Columns;
using Vigil.Formats;

namespace Vigil.Scanning.Watch;

/// <summary>Runs a <see cref="WatchRequest"/>: once over a whole input, or following a file until cancelled.</summary>
internal static class WatchRunner
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public static WatchSummary Run(WatchRequest request, IWatchSink sink, Func<Stream> stdin, CancellationToken cancel)
    {
        if (!request.Follow)
        {
            return RunOnce(request, sink, stdin);
        }

        using var session = new FollowSession(request, sink);
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                if (session.PollOnce() == 0)
                {
                    cancel.WaitHandle.WaitOne(PollInterval);
                }
            }
        }
        finally
        {
            sink.Flush();
            session.SaveCheckpoint();
        }

        return session.Summary;
    }

    /// <summary>The whole input, parsed at once; if it does not parse, line by line so bad records cost only themselves.</summary>
    public static WatchSummary RunOnce(WatchRequest request, IWatchSink sink, Func<Stream> stdin)
    {
        byte[] data = ReadAll(request.Source, stdin);
        var bad = new BadRecordTally();
        var engine = new WatchEngine(request.Settings, bad);
        RecordSet? whole = null;
        try
        {
            // Line formats with a header go through the line reader, which isolates a truncated (unterminated-quote)
            // record instead of letting it swallow the rest of the file.
            string format = request.Format ?? FormatResolver.Resolve(request.Source, data).Parser.Id;
            if (!LineBatchReader.HasHeader(format))
            {
                whole = FormatResolver.Normalize(request.Source, data, request.Format);
            }
        }
        catch (FormatParseException)
        {
            // Fall through to the line-by-line reader, which keeps every readable record.
        }
        catch (UnknownFormatException e)
        {
            throw new WatchInputException(e.Message.ReplaceLineEndings(" "));
        }
        catch (UnknownFormatIdException e)
        {
            throw new WatchInputException(e.Message.ReplaceLineEndings(" "));
        }

        if (whole is not null)
        {
            engine.Process(whole, sink);
        }
        else
        {
            var reader = new LineBatchReader(request.Source, request.Format, header: null);
            foreach (RecordSet batch in reader.Read(CompleteLines(data), 0, fromFileStart: true, bad))
            {
                engine.Process(batch, sink);
            }
        }

        sink.Flush();
        return new WatchSummary(engine.Rows, engine.Alerts, bad.Count, bad.First);
    }

    // A last line without its newline is still a record when the input has ended.
    private static byte[] CompleteLines(byte[] data) =>
        data.Length == 0 || data[^1] == (byte)'\n' ? data : [.. data, (byte)'\n'];

    private static byte[] ReadAll(string source, Func<Stream> stdin)
    {
        try
        {
            if (source == "-")
            {
                using var buffer = new MemoryStream();
                using Stream input = stdin();
                input.CopyTo(buffer);
                return buffer.ToArray();
            }

            return File.ReadAllBytes(source);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string why = e is FileNotFoundException or DirectoryNotFoundException ? "No such file or directory" : e.Message.ReplaceLineEndings(" ");
            throw new WatchInputException($"io error: {source}: {why}");
        }
    }
}
