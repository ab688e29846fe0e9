using System.Text;
using Vigil.Core.Columns;
using Vigil.Core.Values;

using Vigil.Formats.Engine;

namespace Vigil.Formats.Parsers;

/// <summary>
/// INI / cfg / conf files as one row (reference §5.3.6): <c>[section]</c> prefixes later keys with <c>section.</c>;
/// <c>key=value</c> or <c>key:value</c> splits at the first separator, both sides trimmed; a value in matching
/// quotes is Str verbatim, otherwise inferred (empty → Null); <c>;</c>/<c>#</c> lines are comments; a repeated key
/// keeps its last value. Beyond the reference, what real config files hold (Python configparser, git-config,
/// systemd units): a line indented deeper than its key continues the value (joined with a newline); a trailing backslash
/// before an indented line joins the two with a space; a bare one-word key is Bool true; <c>[name "sub"]</c> is
/// <c>name.sub.</c>.
/// </summary>
internal sealed class IniParser : IDocumentFormatParser
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
        var lines = new Utf8LineSplitter(body);
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
        var entry = new PendingEntry(table);
        string prefix = "";
        var joined = new StringBuilder();
        bool holding = false;
        int joinedStart = 0;
        var lines = new LineSplitter(text);
        while (lines.MoveNext(out ReadOnlySpan<char> physical))
        {
            // systemd/git-config style: a trailing '\' before an indented line joins the two, the backslash becoming a
            // space. Before an unindented line the backslash is the value's own last char (C:\dir\).
            if (holding)
            {
                if (!physical.IsEmpty && (physical[0] == ' ' || physical[0] == '\t'))
                {
                    joined.Append(' ');
                }
                else
                {
                    joined.Append('\\');
                    ProcessLine(joined.ToString(), joinedStart, ref prefix, ref entry);
                    joined.Clear();
                    holding = false;
                }
            }

            if (!holding)
            {
                ReadOnlySpan<char> trimmed = physical.Trim();
                if (trimmed.IsEmpty || trimmed[0] == ';' || trimmed[0] == '#')
                {
                    continue;
                }

                joinedStart = lines.LineNumber;
            }

            ReadOnlySpan<char> end = physical.TrimEnd();
            if (!end.IsEmpty && end[^1] == '\\')
            {
                joined.Append(end[..^1]);
                holding = true;
                continue;
            }

            if (holding)
            {
                ProcessLine(joined.Append(physical).ToString(), joinedStart, ref prefix, ref entry);
                joined.Clear();
                holding = false;
            }
            else
            {
                ProcessLine(physical, joinedStart, ref prefix, ref entry);
            }
        }

        if (holding)
        {
            ProcessLine(joined.Append('\\').ToString(), joinedStart, ref prefix, ref entry);
        }

        entry.Flush();
        table.EndRecord();
        return table.Build();
    }

    private static void ProcessLine(ReadOnlySpan<char> raw, int lineNumber, ref string prefix, ref PendingEntry entry)
    {
        ReadOnlySpan<char> line = raw.Trim();
        if (line.IsEmpty || line[0] == ';' || line[0] == '#')
        {
            return;
        }

        // configparser style: a line indented deeper than its key continues that key's value.
        int indent = raw.Length - raw.TrimStart().Length;
        if (indent > 0 && entry.IsOpen && indent > entry.Indent)
        {
            entry.Continue(line);
            return;
        }

        entry.Flush();
        if (IsSection(line))
        {
            prefix = SectionPrefix(line[1..^1].Trim());
            return;
        }

        int sep = line.IndexOfAny('=', ':');
        ReadOnlySpan<char> key = sep < 0 ? line : line[..sep].Trim();
        if (key.IsEmpty || !PlausibleKey(key, bare: sep < 0))
        {
            throw new FormatParseException(FormatId, $"malformed INI line: {line}", lineNumber);
        }

        string fullKey = string.Concat(prefix, key);
        if (sep < 0)
        {
            // A value-less entry (configparser allow_no_value, git-config): present, so true, as logfmt's bare key.
            entry.OpenBare(fullKey, indent);
        }
        else
        {
            entry.Open(fullKey, line[(sep + 1)..].Trim(), indent);
        }
    }

    /// <summary><c>[name]</c> → <c>name.</c>; git-config's <c>[name "sub"]</c> → <c>name.sub.</c>.</summary>
    private static string SectionPrefix(ReadOnlySpan<char> inside)
    {
        int space = inside.IndexOfAny(' ', '\t');
        if (space > 0)
        {
            ReadOnlySpan<char> sub = inside[(space + 1)..].Trim();
            if (sub.Length >= 2 && sub[0] == '"' && sub[^1] == '"')
            {
                return string.Concat(inside[..space], ".", sub[1..^1], ".");
            }
        }

        return string.Concat(inside, ".");
    }

    /// <summary>
    /// Rejects the keys a log line yields when its timestamp holds the first ':' (<c>2021-04-01 00</c>,
    /// <c>http 2022-12-06T17</c>, <c>10/05/10-10</c>), so an unsupported log is an unknown format rather than a one-row
    /// table of line prefixes; a bare key is one word.
    /// </summary>
    private static bool PlausibleKey(ReadOnlySpan<char> key, bool bare)
    {
        if (key.Contains('/') || key.Contains('"'))
        {
            return false;
        }

        for (int i = 1; i < key.Length; i++)
        {
            if (char.IsWhiteSpace(key[i]))
            {
                if (bare)
                {
                    return false;
                }

                if (i + 1 < key.Length && char.IsAsciiDigit(key[i + 1]))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>The key whose value may still grow by indented continuation lines.</summary>
    private struct PendingEntry(SpanTableBuilder table)
    {
        private readonly SpanTableBuilder _table = table;
        private readonly StringBuilder _value = new();
        private string? _key;
        private bool _bare;

        public readonly bool IsOpen => _key is not null;

        public int Indent { get; private set; }

        public void Open(string key, ReadOnlySpan<char> value, int indent)
        {
            _key = key;
            _bare = false;
            Indent = indent;
            _value.Clear().Append(value);
        }

        public void OpenBare(string key, int indent)
        {
            _key = key;
            _bare = true;
            Indent = indent;
            _value.Clear();
        }

        /// <summary>Joins with '\n' as configparser does; an empty first line adds no leading newline.</summary>
        public void Continue(ReadOnlySpan<char> line)
        {
            if (_value.Length > 0)
            {
                _value.Append('\n');
            }

            _bare = false;
            _value.Append(line);
        }

        public void Flush()
        {
            if (_key is null)
            {
                return;
            }

            if (_bare)
            {
                _table.SetValue(_key, Value.FromBool(true));
            }
            else
            {
                string joined = _value.ToString();
                ReadOnlySpan<char> value = joined;
                if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
                {
                    _table.SetString(_key, value[1..^1]);
                }
                else
                {
                    _table.SetInferred(_key, value);
                }
            }

            _key = null;
        }
    }

    private static bool IsSection(ReadOnlySpan<char> line) => line.Length > 2 && line[0] == '[' && line[^1] == ']';

    private static bool IsPair(ReadOnlySpan<char> line)
    {
        int sep = line.IndexOfAny('=', ':');
        return sep > 0 && !line[..sep].Trim().IsEmpty;
    }
}
