using System.Globalization;
using System.Text.Json;
using Vigil.Detection.Streaming;

namespace Vigil.Scanning.Watch;

/// <summary>
/// NDJSON out: one object per alert (<c>ts, series, row, value, score, detector, reason, incident</c>), or with
/// <c>scores</c> one per scored value (<c>row, series, value, score, alert</c>). Field order is part of the output.
/// </summary>
internal sealed class NdjsonWatchWriter : IWatchSink, IDisposable
{
    private const string DetectorName = "causal";
    private static readonly JsonWriterOptions Options = new() { Indented = false, SkipValidation = true };
    private readonly Stream _out;
    private readonly bool _scores;
    private readonly MemoryStream _buffer = new();
    private readonly Utf8JsonWriter _json;

    public NdjsonWatchWriter(Stream output, bool scores)
    {
        _out = output;
        _scores = scores;
        _json = new Utf8JsonWriter(_buffer, Options);
    }

    public void Accept(in WatchEvent e)
    {
        if (!_scores && !e.Score.Alert)
        {
            return;
        }

        _json.Reset(_buffer);
        _json.WriteStartObject();
        if (_scores)
        {
            _json.WriteNumber("row", e.Row);
            _json.WriteString("series", e.Series);
            _json.WriteNumber("value", e.Value);
            _json.WriteNumber("score", e.Score.Score);
            _json.WriteBoolean("alert", e.Score.Alert);
        }
        else
        {
            if (e.Timestamp is null)
            {
                _json.WriteNull("ts");
            }
            else
            {
                _json.WriteString("ts", e.Timestamp);
            }

            _json.WriteString("series", e.Series);
            _json.WriteNumber("row", e.Row);
            _json.WriteNumber("value", e.Value);
            _json.WriteNumber("score", e.Score.Score);
            _json.WriteString("detector", DetectorName);
            _json.WriteString("reason", Reason(e.Score));
            _json.WriteNumber("incident", e.Score.Incident);
        }

        _json.WriteEndObject();
        _json.Flush();
        _buffer.WriteByte((byte)'\n');
        if (_buffer.Length >= 1 << 16)
        {
            Flush();
        }
    }

    public void Flush()
    {
        _json.Flush();
        _out.Write(_buffer.GetBuffer(), 0, (int)_buffer.Length);
        _buffer.SetLength(0);
        _out.Flush();
    }

    /// <summary>The alert's reason: which statistic and how improbable the row was under the series' past.</summary>
    public static string Reason(StreamingScore s) =>
        s.Component.ToToken() + " p=" + s.PValue.ToString("G3", CultureInfo.InvariantCulture);

    public void Dispose()
    {
        Flush();
        _json.Dispose();
    }
}
