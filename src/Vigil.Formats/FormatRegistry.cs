using Vigil.Formats.Parsers;

namespace Vigil.Formats;

/// <summary>
/// Every text parser, in the reference's registration order (§5.2, binary formats left out). The order is the
/// <c>describe</c> list, the extension tie-break and the sniff tie-break, so keep it: add a parser by writing one
/// <c>new XParser(),</c> line at its slot below. Vigil's additions: <c>cri</c> (before syslog, whose loose sniff
/// would otherwise claim CRI container logs).
/// </summary>
public static class FormatRegistry
{
    /// <summary>The parsers in registration order.</summary>
    public static IReadOnlyList<IFormatParser> Parsers { get; } =
    [
        new OtlpParser(),
        new CloudTrailParser(),
        new EveParser(),
        new JournalParser(),
        new OsqueryParser(),
        new VigilAuditParser(),
        new NdjsonParser(),
        new ZeekParser(),
        new LogfmtParser(),
        new AccessLogParser(),
        new CriParser(),
        new SyslogParser(),
        new CefParser(),
        new LeefParser(),
        new AuditdParser(),
        new DnsParser(),
        new PrometheusParser(),
        new XmlParser(),
        new JsonParser(),
        new YamlParser(),
        new TomlParser(),
        new IniParser(),
        new NetflowParser(),
        new VpcflowParser(),
        new TsvParser(),
        new CsvParser(),
    ];

    /// <summary>The parser with this id, or null.</summary>
    public static IFormatParser? Find(string id)
    {
        foreach (IFormatParser p in Parsers)
        {
            if (string.Equals(p.Id, id, StringComparison.Ordinal))
            {
                return p;
            }
        }

        return null;
    }
}
