using System.Globalization;

namespace Vigil.Client;

/// <summary>The <c>HOST[:PORT]</c> address syntax shared by <c>vigil exec</c> and <c>vigil serve</c>.</summary>
public static class HostPort
{
    /// <summary>Splits <c>HOST[:PORT]</c> / <c>[V6]:PORT</c>; the port must be 0..65535.</summary>
    public static bool TrySplit(string text, int defaultPort, out string host, out int port)
    {
        host = text;
        port = defaultPort;
        string? portText = null;
        if (text.StartsWith('['))
        {
            int close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            host = text[1..close];
            if (close + 1 < text.Length)
            {
                if (text[close + 1] != ':')
                {
                    return false;
                }

                portText = text[(close + 2)..];
            }
        }
        else if (text.Count(c => c == ':') == 1)
        {
            int colon = text.IndexOf(':', StringComparison.Ordinal);
            host = text[..colon];
            portText = text[(colon + 1)..];
        }

        if (portText is not null && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535))
        {
            return false;
        }

        return host.Length > 0;
    }
}
