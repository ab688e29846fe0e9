using System.Text;
using Vigil.Core.Columns;
using Vigil.Core.Roles;
using Vigil.Core.Values;

namespace Vigil.Formats.Parsers;

/// <summary>
/// Linux audit records (reference §5.3.20), one row per record line (a multi-record event shares its
/// <c>serial</c>): <c>msg=audit(EPOCH:SERIAL)</c> gives <c>epoch</c> (Float seconds) and <c>serial</c> (Int); the
/// rest of the line (the <c>node=… type=…</c> prefix and the text after <c>):</c>) is <c>k=v</c> pairs: quoted
/// values are strings verbatim, bare values inferred, a later key wins. Separators are spaces, tabs and the
/// enriched format's GS (0x1D). A stampless record line (<c>type=UNKNOWN[1329] msg=?</c>, as auditd writes) is kept
/// with Null epoch/serial; any other line without the stamp is an error. Role hints: see <see cref="RoleOf"/>.
/// An <c>EXECVE</c> record also gets <c>argv</c> (its <c>a0</c>, <c>a1</c>, … words space-joined, unquoted
/// hex-encoded words decoded as auditd encodes them) and <c>argv0</c>, the same command columns the vigil-audit
/// format has, so a command mix can be compared across both trails.
/// </summary>
internal sealed class AuditdParser : IDocumentFormatParser
{
    private const string Marker = "msg=audit(";

    public string Id => "auditd";

    public IReadOnlyList<string> Extensions { get; } = [];

    public SniffConfidence Sniff(ReadOnlySpan<byte> data) =>
        SniffText.TryFirstNonBlankLine(data, out ReadOnlySpan<byte> line) && line.IndexOf("msg=audit("u8) >= 0 && SniffText.LooksUtf8(data)
            ? SniffConfidence.Strong
            : SniffConfidence.None;

    public IReadOnlyList<Column> Parse(ReadOnlyMemory<byte> data)
    {
        string text = TextInput.Decode(data, Id);
        var table = new SpanTableBuilder();
        var lines = new LineSplitter(text);
        var argv = new ExecveArgv();
        while (lines.MoveNext(out ReadOnlySpan<char> line))
        {
            if (line.IsWhiteSpace())
            {
                continue;
            }

            int marker = line.IndexOf(Marker, StringComparison.Ordinal);
            if (marker < 0)
            {
                // auditd itself writes stampless records such as "type=UNKNOWN[1329] msg=?": keep them as a row with
                // no epoch/serial instead of failing the file; anything else is not an audit record.
                if (!line.TrimStart().StartsWith("type=") && !line.TrimStart().StartsWith("node="))
                {
                    throw new FormatParseException(Id, "expected an audit record (type=… msg=audit(EPOCH:SERIAL): …)", lines.LineNumber);
                }

                table.BeginRecord();
                table.SetValue("epoch", Value.Null);
                table.SetValue("serial", Value.Null);
                AddPairs(table, line, null);
                table.EndRecord();
                continue;
            }

            ReadOnlySpan<char> afterMarker = line[(marker + Marker.Length)..];
            int close = afterMarker.IndexOf(')');
            int colon = close < 0 ? -1 : afterMarker[..close].IndexOf(':');
            if (colon < 0
                || !TypeInference.TryParseRustFiniteFloat(afterMarker[..colon], out double epoch)
                || !TypeInference.TryParseRustInt(afterMarker[(colon + 1)..close], out long serial))
            {
                throw new FormatParseException(Id, "malformed audit(EPOCH:SERIAL) stamp", lines.LineNumber);
            }

            ReadOnlySpan<char> body = afterMarker[(close + 1)..];
            if (!body.IsEmpty && body[0] == ':')
            {
                body = body[1..];
            }

            table.BeginRecord();
            table.SetValue("epoch", Value.FromFloat(epoch));
            table.SetValue("serial", Value.FromInt(serial));
            ReadOnlySpan<char> prefix = line[..marker];
            AddPairs(table, prefix, null);
            if (IsExecve(prefix))
            {
                argv.Clear();
                AddPairs(table, body, argv);
                argv.SetColumns(table);
            }
            else
            {
                AddPairs(table, body, null);
            }

            table.EndRecord();
        }

        Column[] columns = table.Build();
        for (int i = 0; i < columns.Length; i++)
        {
            if (RoleOf(columns[i].Name) is ColumnRole role)
            {
                columns[i] = columns[i].WithRoleHint(role);
            }
        }

        return columns;
    }

    /// <summary>
    /// Fields whose numbers are names, not quantities: the syscall number and the user/group ids are categories
    /// (kept as Str so their mix feeds χ²); syscall arguments (hex registers, or argv words in EXECVE) and inode
    /// numbers identify rather than measure.
    /// </summary>
    internal static ColumnRole? RoleOf(string key) => key switch
    {
        "syscall" or "uid" or "auid" or "euid" or "suid" or "fsuid" or "gid" or "egid" or "sgid" or "fsgid" or "ouid" or "ogid" => ColumnRole.Categorical,
        "epoch" or "serial" => ColumnRole.Sequence,
        "ses" or "inode" => ColumnRole.Identifier,
        _ when IsArgumentKey(key) => ColumnRole.Identifier,
        _ => null,
    };

    /// <summary>Values that stay strings whatever they look like (categories, hex registers and argv words).</summary>
    private static bool KeepsString(ReadOnlySpan<char> key) =>
        key is "syscall" or "uid" or "auid" or "euid" or "suid" or "fsuid" or "gid" or "egid" or "sgid" or "fsgid" or "ouid" or "ogid" or "proctitle"
        || IsArgumentKey(key);

    /// <summary><c>a0</c>, <c>a1</c>, … (syscall arguments, EXECVE argv words).</summary>
    private static bool IsArgumentKey(ReadOnlySpan<char> key)
    {
        if (key.Length < 2 || key[0] != 'a')
        {
            return false;
        }

        foreach (char c in key[1..])
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsSeparator(char c) => c is ' ' or '\t' or '\u001d';

    /// <summary>The <c>type=EXECVE</c> token in the part of the line before the stamp.</summary>
    private static bool IsExecve(ReadOnlySpan<char> prefix)
    {
        int at = prefix.IndexOf("type=EXECVE", StringComparison.Ordinal);
        int end = at + "type=EXECVE".Length;
        return at >= 0 && (at == 0 || IsSeparator(prefix[at - 1])) && (end == prefix.Length || IsSeparator(prefix[end]));
    }

    /// <summary>Adds the line's pairs; when <paramref name="argv"/> is set (an EXECVE record) its argument words go there too.</summary>
    private static void AddPairs(SpanTableBuilder table, ReadOnlySpan<char> s, ExecveArgv? argv)
    {
        int i = 0;
        while (i < s.Length)
        {
            while (i < s.Length && IsSeparator(s[i]))
            {
                i++;
            }

            int keyStart = i;
            while (i < s.Length && s[i] != '=' && !IsSeparator(s[i]))
            {
                i++;
            }

            if (i == s.Length || s[i] != '=')
            {
                continue; // a token without '=' carries nothing we can name
            }

            ReadOnlySpan<char> key = s[keyStart..i];
            i++;
            if (i < s.Length && (s[i] == '"' || s[i] == '\''))
            {
                char quote = s[i];
                int valueStart = i + 1;
                int end = s[valueStart..].IndexOf(quote);
                int valueEnd = end < 0 ? s.Length : valueStart + end;
                i = Math.Min(valueEnd + 1, s.Length);
                if (!key.IsEmpty)
                {
                    table.SetString(key, s[valueStart..valueEnd]);
                    if (argv is not null && IsArgumentKey(key))
                    {
                        argv.Add(s[valueStart..valueEnd], quoted: true);
                    }
                }

                continue;
            }

            int start = i;
            while (i < s.Length && !IsSeparator(s[i]))
            {
                i++;
            }

            if (key.IsEmpty)
            {
                continue;
            }

            if (KeepsString(key))
            {
                if (i > start)
                {
                    table.SetString(key, s[start..i]);
                    if (argv is not null && IsArgumentKey(key))
                    {
                        argv.Add(s[start..i], quoted: false);
                    }
                }
                else
                {
                    table.SetValue(key, Value.Null);
                }
            }
            else
            {
                table.SetInferred(key, s[start..i]);
            }
        }
    }

    /// <summary>The argument words of one EXECVE record, in the order auditd wrote them (a0, a1, …).</summary>
    private sealed class ExecveArgv
    {
        private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");
        private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        private readonly StringBuilder _joined = new();
        private string? _first;
        private int _count;

        public void Clear()
        {
            _joined.Clear();
            _first = null;
            _count = 0;
        }

        /// <summary>
        /// auditd quotes a word it can print as is and writes any other (spaces, quotes, control or non-ASCII
        /// bytes) as unquoted hex of its bytes; a bare word that is not even-length hex is kept verbatim.
        /// </summary>
        public void Add(ReadOnlySpan<char> word, bool quoted)
        {
            if (_count > 0)
            {
                _joined.Append(' ');
            }

            int start = _joined.Length;
            if (!quoted && TryDecodeHex(word, out string decoded))
            {
                _joined.Append(decoded);
            }
            else
            {
                _joined.Append(word);
            }

            _first ??= _joined.ToString(start, _joined.Length - start);
            _count++;
        }

        public void SetColumns(SpanTableBuilder table)
        {
            if (_count == 0)
            {
                return;
            }

            table.SetString("argv", _joined.ToString());
            table.SetString("argv0", _first ?? string.Empty);
        }

        private static bool TryDecodeHex(ReadOnlySpan<char> word, out string text)
        {
            text = string.Empty;
            if (word.IsEmpty || word.Length % 2 != 0 || word.ContainsAnyExcept(HexDigits))
            {
                return false;
            }

            byte[] bytes = Convert.FromHexString(word);
            try
            {
                text = StrictUtf8.GetString(bytes);
                return true;
            }
            catch (DecoderFallbackException)
            {
                // Not UTF-8 (raw bytes): the hex itself is the most faithful text.
                return false;
            }
        }
    }
}
