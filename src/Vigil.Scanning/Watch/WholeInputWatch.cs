using Vigil.Core.Columns;
using Vigil.Formats;

namespace Vigil.Scanning.Watch;

/// <summary>
/// <c>watch --no-follow</c> and stdin: the whole input parsed once by the scan parsers (any format <c>scan</c>
/// reads), then streamed row by row through the engine; the detectors still only ever see the past.
/// </summary>
internal static class WholeInputWatch
{
    public static void Run(string source, byte[] data, string? format, WatchEngine engine, IWatchSink sink)
    {
        RecordSet batch = Parse(source, data, format);
        engine.Process(batch, sink);
    }

    /// <summary>Parses with the scan resolver; failures become one-line <see cref="WatchInputException"/>s.</summary>
    public static RecordSet Parse(string source, ReadOnlyMemory<byte> data, string? format)
    {
        string where = source == "-" ? "stdin" : source;
        try
        {
            return FormatResolver.Normalize(source, data, format);
        }
        catch (FormatParseException e)
        {
            throw new WatchInputException($"failed to parse {e.Format} input: {where}: {e.Detail.ReplaceLineEndings(" ")}");
        }
        catch (UnknownFormatException e)
        {
            throw new WatchInputException(e.Message.ReplaceLineEndings(" "));
        }
        catch (UnknownFormatIdException e)
        {
            throw new WatchInputException(e.Message.ReplaceLineEndings(" "));
        }
    }
}
