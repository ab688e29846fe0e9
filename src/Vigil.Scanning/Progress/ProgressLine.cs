using System.Globalization;
using System.Text;

namespace Vigil.Scanning.Progress;

/// <summary>
/// The text of a progress line: <c>vigil: big.csv: parsing 120.5 MiB / 248.0 MiB (48%), 2.1M rows/s, 3.2 s</c>. While
/// reading or parsing, the rate is rows/s once the reader reports rows, else bytes/s; later phases show no rate (it
/// would only decay). Invariant culture; clipped to the terminal width.
/// </summary>
public static class ProgressLine
{
    public static string Render(string source, ProgressSample sample, TimeSpan elapsed, int width)
    {
        var sb = new StringBuilder(96);
        sb.Append("vigil: ").Append(source).Append(": ").Append(Phase(sample.Phase)).Append(' ').Append(Bytes(sample.BytesRead));
        if (sample.TotalBytes is long total)
        {
            sb.Append(" / ").Append(Bytes(total));
            if (total > 0)
            {
                long percent = Math.Min(100, sample.BytesRead * 100 / total);
                sb.Append(CultureInfo.InvariantCulture, $" ({percent}%)");
            }
        }

        double seconds = elapsed.TotalSeconds;
        if (seconds > 0 && sample.Phase is ScanPhase.Reading or ScanPhase.Parsing)
        {
            sb.Append(", ").Append(sample.Rows is long rows && rows > 0 ? Count(rows / seconds) + " rows/s" : Bytes((long)(sample.BytesRead / seconds)) + "/s");
        }

        sb.Append(CultureInfo.InvariantCulture, $", {seconds:0.0} s");
        int room = Math.Max(1, width - 1);
        return sb.Length <= room ? sb.ToString() : sb.ToString(0, room);
    }

    private static string Phase(ScanPhase phase) => phase switch
    {
        ScanPhase.Reading => "reading",
        ScanPhase.Parsing => "parsing",
        ScanPhase.Detecting => "detecting",
        _ => "writing",
    };

    private static string Bytes(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes} B")
            : string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {units[unit]}");
    }

    private static string Count(double perSecond) => perSecond switch
    {
        >= 1e9 => string.Create(CultureInfo.InvariantCulture, $"{perSecond / 1e9:0.0}G"),
        >= 1e6 => string.Create(CultureInfo.InvariantCulture, $"{perSecond / 1e6:0.0}M"),
        >= 1e3 => string.Create(CultureInfo.InvariantCulture, $"{perSecond / 1e3:0.0}k"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{perSecond:0}"),
    };
}
