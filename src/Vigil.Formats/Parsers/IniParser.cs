using System.Text;
using Vigil.Core.Columns;

namespace Vigil.Formats.Parsers;

/// <summary>
/// INI / cfg / conf files as one row (reference §5.3.6): <c>[section]</c> prefixes later keys with <c>section.</c>;
/// <c>key=value</c> or <c>key:value</c> splits at the first separator, both sides trimmed; a value in matching
/// quotes is Str verbatim, otherwise inferred (empty → Null); <c>;</c>/<c>#</c> lines are comments; a repeated key
/// keeps its last value.
/// </summary>
internal sealed class IniParser : IFormatParser
{
    private const string FormatId = "ini";

    public string Id => FormatId;

    public IReadOnlyList<string> Extensions { get; } = ["ini", "cfg", "conf"];

    public SniffConfidence Sniff(ReadOnlySpan<byte> data)
    {
        if (!SniffText.LooksUtf8(data) || !System.Text.Unicode.Utf8.IsValid(data))
        {
            return SniffConfidence.None;
        }

        bool anySection = false;
        bool anyPair = false;
        bool firstQualifies = false;
        bool sawFirst = false;
        // Line by line over the bytes: CSV and other large inputs reach this sniff, and decoding them whole would
        // double their size just to reject them. '\n' and '\r' never occur inside a UTF-8 sequence, so the lines
        // are the same as those of the decoded text.
        ReadOnlySpan<byte> body = TextInput.WithoutBom(data);
        var lines = new ByteLineSplitter(body);
        char[] buffer = new char[256];
        // Strong needs a section line, which needs a '['; without one only the first line can change the verdict.
        bool sectionPossible = body.Contains((byte)'[');
        while (lines.MoveNext(out ReadOnlySpan<byte> rawBytes))
        {
            if (buffer.Length < rawBytes.Length)
            {
                buffer = new char[Math.Max(rawBytes.Length, buffer.Length * 2)];
            }

            ReadOnlySpan<char> line = buffer.AsSpan(0, Encoding.UTF8.GetChars(rawBytes, buffer)).Trim();
            if (line.IsEmpty || line[0] == ';' || line[0] == '#')
            {
                continue;
            }

            bool section = IsSection(line);
            bool pair = !section && IsPair(line);
            if (!sawFirst)
            {
                sawFirst = true;
                firstQualifies = section || pair;
            }

            anySection |= section;
            anyPair |= pair;
            if (anySection && anyPair)
            {
                return SniffConfidence.Strong;
            }

            if (!sectionPossible)
            {
                break;
            }
        }

        return firstQualifies ? SniffConfidence.Text : SniffConfidence.None;
    }

    public IReadOnlyList<Column> Parse(ReadOnlyMemory<byte> data)
    {
        string text = TextInput.Decode(data, FormatId);
        var table = new SpanTableBuilder();
        table.BeginRecord();
        string prefix = "";
        var lines = new LineSplitter(text);
        while (lines.MoveNext(out ReadOnlySpan<char> raw))
        {
            ReadOnlySpan<char> line = raw.Trim();
            if (line.IsEmpty || line[0] == ';' || line[0] == '#')
            {
                continue;
            }

            if (IsSection(line))
            {
                prefix = string.Concat(line[1..^1].Trim(), ".");
                continue;
            }

            int sep = line.IndexOfAny('=', ':');
            ReadOnlySpan<char> key = sep < 0 ? default : line[..sep].Trim();
            if (key.IsEmpty)
            {
                throw new FormatParseException(FormatId, $"malformed INI line: {line}", lines.LineNumber);
            }

            string fullKey = string.Concat(prefix, key);
            ReadOnlySpan<char> value = line[(sep + 1)..].Trim();
            if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
            {
                table.SetString(fullKey, value[1..^1]);
            }
            else
            {
                table.SetInferred(fullKey, value);
            }
        }

        table.EndRecord();
        return table.Build();
    }

    private static bool IsSection(ReadOnlySpan<char> line) => line.Length > 2 && line[0] == '[' && line[^1] == ']';

    private static bool IsPair(ReadOnlySpan<char> line)
    {
        int sep = line.IndexOfAny('=', ':');
        return sep > 0 && !line[..sep].Trim().IsEmpty;
    }
}
