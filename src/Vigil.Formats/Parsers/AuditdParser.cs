using System.Buffers;
using System.Text.Unicode;
using Vigil.Core.Columns;
using Vigil.Core.Roles;
using Vigil.Formats.Engine;

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
internal sealed class AuditdParser : ILineFormatParser
{
    /// <summary>Longest EXECVE body whose argv is joined on the stack.</summary>
    private const int StackArgvBytes = 1024;
    private static readonly SearchValues<byte> HexDigits = SearchValues.Create("0123456789abcdefABCDEF"u8);

    private static ReadOnlySpan<byte> Marker => "msg=audit("u8;

    public string Id => "auditd";

    public IReadOnlyList<string> Extensions { get; } = [];

    public SniffConfidence Sniff(ReadOnlySpan<byte> data) =>
        SniffText.TryFirstNonBlankLine(data, out ReadOnlySpan<byte> line) && line.IndexOf("msg=audit("u8) >= 0 && SniffText.LooksUtf8(data)
            ? SniffConfidence.Strong
            : SniffConfidence.None;

    public void ParseLine(ReadOnlySpan<byte> line, ColumnSink sink)
    {
        if (SniffText.IsUnicodeWhiteSpace(line))
        {
            return;
        }

        int marker = line.IndexOf(Marker);
        if (marker < 0)
        {
            // auditd itself writes stampless records such as "type=UNKNOWN[1329] msg=?": keep them as a row with
            // no epoch/serial instead of failing the file; anything else is not an audit record.
            ReadOnlySpan<byte> trimmed = line[Utf8WhiteSpace.SkipStart(line, 0)..];
            if (!trimmed.StartsWith("type="u8) && !trimmed.StartsWith("node="u8))
            {
                throw new FormatParseException(Id, "expected an audit record (type=… msg=audit(EPOCH:SERIAL): …)");
            }

            sink.BeginRecord();
            sink.SetNull("epoch"u8);
            sink.SetNull("serial"u8);
            var none = default(ExecveArgv);
            AddPairs(sink, line, ref none);
            sink.EndRecord();
            return;
        }

        ReadOnlySpan<byte> afterMarker = line[(marker + Marker.Length)..];
        int close = afterMarker.IndexOf((byte)')');
        int colon = close < 0 ? -1 : afterMarker[..close].IndexOf((byte)':');
        if (colon < 0
            || !TypeInference.TryParseRustFiniteFloat(afterMarker[..colon], out double epoch)
            || !TypeInference.TryParseRustInt(afterMarker[(colon + 1)..close], out long serial))
        {
            throw new FormatParseException(Id, "malformed audit(EPOCH:SERIAL) stamp");
        }

        ReadOnlySpan<byte> body = afterMarker[(close + 1)..];
        if (!body.IsEmpty && body[0] == (byte)':')
        {
            body = body[1..];
        }

        sink.BeginRecord();
        sink.SetFloat("epoch"u8, epoch);
        sink.SetInt("serial"u8, serial);
        ReadOnlySpan<byte> prefix = line[..marker];
        var noArgv = default(ExecveArgv);
        AddPairs(sink, prefix, ref noArgv);
        if (IsExecve(prefix))
        {
            // The joined words are never longer than the body (hex decodes to half its length).
            byte[]? rented = body.Length + 1 > StackArgvBytes ? ArrayPool<byte>.Shared.Rent(body.Length + 1) : null;
            Span<byte> joined = rented ?? stackalloc byte[StackArgvBytes];
            var argv = new ExecveArgv(joined);
            try
            {
                AddPairs(sink, body, ref argv);
                argv.SetColumns(sink);
            }
            finally
            {
                if (rented is not null)
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
            }
        }
        else
        {
            AddPairs(sink, body, ref noArgv);
        }

        sink.EndRecord();
    }

    public Column[] CompleteBatch(Column[] columns)
    {
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
    private static bool KeepsString(ReadOnlySpan<byte> key) =>
        key.SequenceEqual("syscall"u8) || key.SequenceEqual("uid"u8) || key.SequenceEqual("auid"u8) || key.SequenceEqual("euid"u8)
        || key.SequenceEqual("suid"u8) || key.SequenceEqual("fsuid"u8) || key.SequenceEqual("gid"u8) || key.SequenceEqual("egid"u8)
        || key.SequenceEqual("sgid"u8) || key.SequenceEqual("fsgid"u8) || key.SequenceEqual("ouid"u8) || key.SequenceEqual("ogid"u8)
        || key.SequenceEqual("proctitle"u8) || IsArgumentKey(key);

    /// <summary><c>a0</c>, <c>a1</c>, … (syscall arguments, EXECVE argv words).</summary>
    private static bool IsArgumentKey(ReadOnlySpan<char> key) => key.Length >= 2 && key[0] == 'a' && !key[1..].ContainsAnyExceptInRange('0', '9');

    /// <inheritdoc cref="IsArgumentKey(ReadOnlySpan{char})"/>
    private static bool IsArgumentKey(ReadOnlySpan<byte> key) => key.Length >= 2 && key[0] == (byte)'a' && !key[1..].ContainsAnyExceptInRange((byte)'0', (byte)'9');

    private static bool IsSeparator(byte c) => c is (byte)' ' or (byte)'\t' or 0x1d;

    /// <summary>The <c>type=EXECVE</c> token in the part of the line before the stamp.</summary>
    private static bool IsExecve(ReadOnlySpan<byte> prefix)
    {
        int at = prefix.IndexOf("type=EXECVE"u8);
        int end = at + "type=EXECVE"u8.Length;
        return at >= 0 && (at == 0 || IsSeparator(prefix[at - 1])) && (end == prefix.Length || IsSeparator(prefix[end]));
    }

    /// <summary>Adds the line's pairs; when <paramref name="argv"/> collects (an EXECVE record) its argument words go there too.</summary>
    private static void AddPairs(ColumnSink sink, ReadOnlySpan<byte> s, ref ExecveArgv argv)
    {
        bool collect = !argv.Buffer.IsEmpty;
        int i = 0;
        while (i < s.Length)
        {
            while (i < s.Length && IsSeparator(s[i]))
            {
                i++;
            }

            int keyStart = i;
            while (i < s.Length && s[i] != (byte)'=' && !IsSeparator(s[i]))
            {
                i++;
            }

            if (i == s.Length || s[i] != (byte)'=')
            {
                continue; // a token without '=' carries nothing we can name
            }

            ReadOnlySpan<byte> key = s[keyStart..i];
            i++;
            if (i < s.Length && (s[i] == (byte)'"' || s[i] == (byte)'\''))
            {
                byte quote = s[i];
                int valueStart = i + 1;
                int end = s[valueStart..].IndexOf(quote);
                int valueEnd = end < 0 ? s.Length : valueStart + end;
                i = Math.Min(valueEnd + 1, s.Length);
                if (!key.IsEmpty)
                {
                    sink.SetString(key, s[valueStart..valueEnd]);
                    if (collect && IsArgumentKey(key))
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
                    sink.SetString(key, s[start..i]);
                    if (collect && IsArgumentKey(key))
                    {
                        argv.Add(s[start..i], quoted: false);
                    }
                }
                else
                {
                    sink.SetNull(key);
                }
            }
            else
            {
                sink.SetInferred(key, s[start..i]);
            }
        }
    }

    /// <summary>The argument words of one EXECVE record, space-joined in the order auditd wrote them (a0, a1, …).</summary>
    private ref struct ExecveArgv(Span<byte> buffer)
    {
        private int _length;
        private int _firstLength;
        private int _count;

        /// <summary>Where the words are joined; empty when nothing is collected.</summary>
        public readonly Span<byte> Buffer { get; } = buffer;

        /// <summary>
        /// auditd quotes a word it can print as is and writes any other (spaces, quotes, control or non-ASCII
        /// bytes) as unquoted hex of its bytes; a bare word that is not even-length hex of valid UTF-8 is kept verbatim.
        /// </summary>
        public void Add(ReadOnlySpan<byte> word, bool quoted)
        {
            if (_count > 0)
            {
                Buffer[_length++] = (byte)' ';
            }

            int start = _length;
            if (quoted || !TryDecodeHex(word, Buffer[_length..], out int written))
            {
                word.CopyTo(Buffer[_length..]);
                written = word.Length;
            }

            _length += written;
            if (_count == 0)
            {
                _firstLength = _length - start;
            }

            _count++;
        }

        public readonly void SetColumns(ColumnSink sink)
        {
            if (_count == 0)
            {
                return;
            }

            sink.SetString("argv"u8, Buffer[.._length]);
            sink.SetString("argv0"u8, Buffer[.._firstLength]);
        }

        private static bool TryDecodeHex(ReadOnlySpan<byte> word, Span<byte> into, out int written)
        {
            written = 0;
            if (word.IsEmpty || word.Length % 2 != 0 || word.ContainsAnyExcept(HexDigits))
            {
                return false;
            }

            Span<byte> bytes = into[..(word.Length / 2)];
            for (int k = 0; k < bytes.Length; k++)
            {
                bytes[k] = (byte)((HexValue(word[2 * k]) << 4) | HexValue(word[(2 * k) + 1]));
            }

            // Not UTF-8 (raw bytes): the hex itself is the most faithful text.
            if (!Utf8.IsValid(bytes))
            {
                return false;
            }

            written = bytes.Length;
            return true;
        }

        private static int HexValue(byte c) => c <= (byte)'9' ? c - '0' : (c | 0x20) - 'a' + 10;
    }
}
