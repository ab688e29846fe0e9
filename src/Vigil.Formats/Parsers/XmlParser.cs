using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Vigil.Core.Columns;
using Vigil.Core.Values;

namespace Vigil.Formats.Parsers;

/// <summary>
/// XML documents (reference §5.3.24). The record element is chosen structurally: for every element in document
/// pre-order, its direct children are grouped by local name (first-occurrence order) and the largest group with at
/// least two members wins (ties go to the first seen); if nothing repeats, the root is the single record. A row is the
/// record's attributes (inferred) plus each leaf child element by local name (its trimmed first text node inferred;
/// empty → Null); a child wins over an attribute of the same name. Windows event XML is read by its schema instead
/// (one row per <c>&lt;Event&gt;</c>, see <see cref="AddWindowsEvent"/>). A DTD with an internal subset is refused, a
/// bare <c>&lt;!DOCTYPE name&gt;</c> is skipped, and nothing external is resolved.
/// </summary>
internal sealed class XmlParser : IDocumentFormatParser
{
    private const string FormatId = "xml";
    private const int MaxDepth = 256;
    private const string WindowsEventNamespace = "http://schemas.microsoft.com/win/2004/08/events/event";

    public string Id => FormatId;

    public IReadOnlyList<string> Extensions { get; } = ["xml", "nessus"];

    public SniffConfidence Sniff(ReadOnlySpan<byte> data)
    {
        if (!SniffText.LooksUtf8(data))
        {
            return SniffConfidence.None;
        }

        ReadOnlySpan<byte> body = SniffText.TrimStart(TextInput.WithoutBom(data));
        if (body.StartsWith("<?xml"u8))
        {
            return SniffConfidence.Strong;
        }

        return body.Length > 1 && body[0] == (byte)'<' && (char.IsAsciiLetter((char)body[1]) || body[1] == (byte)'_')
            ? SniffConfidence.Text
            : SniffConfidence.None;
    }

    public IReadOnlyList<Column> Parse(ReadOnlyMemory<byte> data)
    {
        string text = TextInput.Decode(data, FormatId);
        var settings = new XmlReaderSettings
        {
            // nmap -oX writes a bare <!DOCTYPE nmaprun>: skipping a declaration without an internal subset is safe;
            // one with a subset (entities, the expansion attacks) stays refused.
            DtdProcessing = HasInternalSubset(text) ? DtdProcessing.Prohibit : DtdProcessing.Ignore,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            MaxCharactersFromEntities = 0,
        };
        using var reader = new DepthLimitedXmlReader(
            XmlReader.Create(new StringReader(text), settings),
            MaxDepth,
            line => new FormatParseException(FormatId, $"nesting deeper than {MaxDepth} levels", Math.Max(1, line)));
        XDocument doc;
        try
        {
            doc = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            // A prohibited DTD is reported without a position: point at the DOCTYPE declaration instead.
            int doctype = text.IndexOf("<!DOCTYPE", StringComparison.Ordinal);
            int line = e.LineNumber > 0 ? e.LineNumber : doctype >= 0 ? text.AsSpan(0, doctype).Count('\n') + 1 : 1;
            throw new FormatParseException(FormatId, e.Message.Split(" Line ", 2)[0], Math.Max(1, line));
        }

        XElement root = doc.Root ?? throw new FormatParseException(FormatId, "no root element", 1);
        var table = new SpanTableBuilder();
        List<XElement> events = WindowsEvents(root);
        if (events.Count > 0)
        {
            foreach (XElement e in events)
            {
                AddWindowsEvent(table, e);
            }

            return table.Build();
        }

        List<XElement> records = SelectRecords(root);
        foreach (XElement record in records)
        {
            table.BeginRecord();
            foreach (XAttribute a in record.Attributes())
            {
                if (!a.IsNamespaceDeclaration)
                {
                    table.SetInferred(a.Name.LocalName, a.Value);
                }
            }

            foreach (XElement child in record.Elements())
            {
                if (child.HasElements)
                {
                    continue;
                }

                XText? first = child.Nodes().OfType<XText>().FirstOrDefault();
                table.SetInferred(child.Name.LocalName, first is null ? default : first.Value.AsSpan().Trim());
            }

            table.EndRecord();
        }

        return table.Build();
    }

    private static bool HasInternalSubset(string text)
    {
        int doctype = text.IndexOf("<!DOCTYPE", StringComparison.Ordinal);
        if (doctype < 0)
        {
            return false;
        }

        ReadOnlySpan<char> rest = text.AsSpan(doctype);
        int close = rest.IndexOf('>');
        int open = rest.IndexOf('[');
        return open >= 0 && (close < 0 || open < close);
    }

    /// <summary>
    /// The <c>&lt;Event&gt;</c> elements of the Windows event schema (wevtutil / Get-WinEvent -ToXml / osquery
    /// renderings), the root itself or its children (an <c>&lt;Events&gt;</c> wrapper); empty for other XML.
    /// </summary>
    private static List<XElement> WindowsEvents(XElement root)
    {
        if (IsWindowsEvent(root))
        {
            return [root];
        }

        return root.Elements().Where(IsWindowsEvent).ToList();
    }

    private static bool IsWindowsEvent(XElement e) =>
        e.Name.LocalName == "Event" && (e.Name.NamespaceName == WindowsEventNamespace || e.Element(e.Name.Namespace + "System") is not null);

    /// <summary>
    /// One row per event: each <c>System</c> leaf by name (<c>EventID</c>, <c>Channel</c>, ...) and its attributes as
    /// <c>Element.Attribute</c> (<c>TimeCreated.SystemTime</c>, <c>Provider.Name</c>) plus <c>TimeCreated.SystemTime_epoch</c>; <c>&lt;Data Name="X"&gt;text&lt;/Data&gt;</c>
    /// as column X, an unnamed Data as <c>Data.N</c> (N its 0-based position); UserData leaves by name.
    /// </summary>
    private static void AddWindowsEvent(SpanTableBuilder table, XElement e)
    {
        table.BeginRecord();
        foreach (XElement part in e.Elements())
        {
            switch (part.Name.LocalName)
            {
                case "System":
                    foreach (XElement field in part.Elements())
                    {
                        string name = field.Name.LocalName;
                        foreach (XAttribute a in field.Attributes())
                        {
                            if (!a.IsNamespaceDeclaration)
                            {
                                table.SetInferred(name + "." + a.Name.LocalName, a.Value);
                            }
                        }

                        SetSystemTimeEpoch(table, field);
                        if (!field.HasElements && !field.IsEmpty)
                        {
                            table.SetInferred(name, field.Value.AsSpan().Trim());
                        }
                    }

                    break;
                case "EventData":
                    int position = 0;
                    foreach (XElement data in part.Elements())
                    {
                        string? dataName = data.Attribute("Name")?.Value;
                        string column = data.Name.LocalName == "Data"
                            ? (string.IsNullOrEmpty(dataName) ? "Data." + position.ToString(CultureInfo.InvariantCulture) : dataName)
                            : data.Name.LocalName;
                        table.SetInferred(column, data.Value.AsSpan().Trim());
                        position++;
                    }

                    break;
                default:
                    foreach (XElement leaf in part.Descendants().Where(d => !d.HasElements))
                    {
                        table.SetInferred(leaf.Name.LocalName, leaf.Value.AsSpan().Trim());
                    }

                    break;
            }
        }

        table.EndRecord();
    }

    /// <summary>
    /// <c>TimeCreated.SystemTime_epoch</c>: the event time as float Unix seconds, so <c>--cadence</c> can use Windows
    /// events. Windows writes <c>2024-01-15T10:22:33.1234567Z</c> (100 ns ticks, UTC); a stamp that is not a complete
    /// RFC 3339 time (no zone, trailing text) leaves the cell Null rather than guessing a zone.
    /// </summary>
    private static void SetSystemTimeEpoch(SpanTableBuilder table, XElement field)
    {
        if (field.Name.LocalName != "TimeCreated" || field.Attribute("SystemTime") is not { } attribute)
        {
            return;
        }

        ReadOnlySpan<char> stamp = attribute.Value.AsSpan().Trim();
        if (LogTimestamp.TryParseRfc3339(stamp, out LogTimestamp time, out int used) && used == stamp.Length)
        {
            table.SetValue("TimeCreated.SystemTime_epoch", Value.FromFloat(time.Epoch));
        }
    }

    /// <summary>
    /// Whether a record element would give a row any cell (an attribute or a leaf child). Beyond the reference: a group
    /// of field-less elements (nmap's script <c>&lt;table&gt;&lt;elem&gt;text&lt;/elem&gt;…</c> lists) would be rows
    /// without columns, so it never wins the record choice.
    /// </summary>
    private static bool HasFields(XElement e) =>
        e.Attributes().Any(a => !a.IsNamespaceDeclaration) || e.Elements().Any(c => !c.HasElements);

    /// <summary>The winning group of same-named siblings (pre-order, strict &gt; on size), or the root alone.</summary>
    private static List<XElement> SelectRecords(XElement root)
    {
        List<XElement>? best = null;
        var stack = new Stack<(XElement Element, int Depth)>();
        stack.Push((root, 0));
        var groups = new Dictionary<string, List<XElement>>(StringComparer.Ordinal);
        var order = new List<string>();
        while (stack.Count > 0)
        {
            (XElement element, int depth) = stack.Pop();
            if (depth > MaxDepth)
            {
                int line = element is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 1;
                throw new FormatParseException(FormatId, $"nesting deeper than {MaxDepth} levels", line);
            }

            groups.Clear();
            order.Clear();
            foreach (XElement child in element.Elements())
            {
                string name = child.Name.LocalName;
                if (!groups.TryGetValue(name, out List<XElement>? group))
                {
                    group = [];
                    groups.Add(name, group);
                    order.Add(name);
                }

                group.Add(child);
            }

            foreach (string name in order)
            {
                List<XElement> group = groups[name];
                if (group.Count >= 2 && (best is null || group.Count > best.Count) && group.Exists(HasFields))
                {
                    best = group;
                }
            }

            // Push children in reverse so they pop in document order (pre-order).
            var children = element.Elements().ToList();
            for (int k = children.Count - 1; k >= 0; k--)
            {
                stack.Push((children[k], depth + 1));
            }
        }

        return best ?? [root];
    }
}
