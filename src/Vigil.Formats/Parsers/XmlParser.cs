using System.Xml;
using System.Xml.Linq;
using Vigil.Core.Columns;

namespace Vigil.Formats.Parsers;

/// <summary>
/// XML documents (reference §5.3.24). The record element is chosen structurally: for every element in document
/// pre-order, its direct children are grouped by local name (first-occurrence order) and the largest group with at
/// least two members wins (ties go to the first seen); if nothing repeats, the root is the single record. A row is the
/// record's attributes (inferred) plus each leaf child element by local name (its trimmed first text node inferred;
/// empty → Null); a child wins over an attribute of the same name. DTDs are refused and nothing external is resolved.
/// </summary>
internal sealed class XmlParser : IFormatParser
{
    private const string FormatId = "xml";
    private const int MaxDepth = 256;

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
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            MaxCharactersFromEntities = 0,
        };
        using var reader = XmlReader.Create(new StringReader(text), settings);
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
        List<XElement> records = SelectRecords(root);
        var table = new SpanTableBuilder();
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
                if (group.Count >= 2 && (best is null || group.Count > best.Count))
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
