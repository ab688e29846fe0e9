using Vigil.Core.Columns;

namespace Vigil.Formats.Parsers;

/// <summary>
/// The syslog table under construction: one cached <see cref="ColumnBuilder"/> per fixed field (created on first use,
/// so column order stays the TableBuilder order) and <c>sd.&lt;id&gt;.&lt;param&gt;</c> columns by name.
/// </summary>
internal sealed class SyslogColumns
{
    private readonly List<(int KeyStart, int KeyLength, int ValueStart, int ValueLength)> _pairs = [];
    private ColumnBuilder? _facility;
    private ColumnBuilder? _severity;
    private ColumnBuilder? _protocol;
    private ColumnBuilder? _timestamp;
    private ColumnBuilder? _epoch;
    private ColumnBuilder? _hostname;
    private ColumnBuilder? _appname;
    private ColumnBuilder? _procid;
    private ColumnBuilder? _msgid;
    private ColumnBuilder? _message;

    public SparseColumns Columns { get; } = new();

    public void Append(ReadOnlySpan<char> text, in SyslogLine line, Span<char> stamp, ref char[] scratch)
    {
        if (line.Pri >= 0)
        {
            (_facility ??= Columns.Get("facility")).AppendInt(line.Pri / 8);
            (_severity ??= Columns.Get("severity")).AppendInt(line.Pri % 8);
        }

        (_protocol ??= Columns.Get("protocol")).AppendString(line.Rfc5424 ? "RFC5424" : "RFC3164");
        if (line.HasTimestamp)
        {
            (_timestamp ??= Columns.Get("timestamp")).AppendString(stamp[..line.Timestamp.Format(stamp)]);
            (_epoch ??= Columns.Get("timestamp_epoch")).AppendFloat(line.Timestamp.Epoch);
        }

        AppendText(ref _hostname, "hostname", line.Hostname.Slice(text));
        AppendText(ref _appname, "appname", line.Appname.Slice(text));
        ReadOnlySpan<char> procid = line.Procid.Slice(text);
        if (!procid.IsEmpty)
        {
            _procid ??= Columns.Get("procid");
            if (TypeInference.TryParseRustInt(procid, out long id))
            {
                _procid.AppendInt(id);
            }
            else
            {
                _procid.AppendString(procid);
            }
        }

        AppendText(ref _msgid, "msgid", line.Msgid.Slice(text));
        if (line.Sd.Length > 0)
        {
            AppendStructuredData(line.Sd.Slice(text), ref scratch);
        }

        (_message ??= Columns.Get("message")).AppendString(line.Message.Slice(text));
        Columns.EndRow();
    }

    private void AppendText(ref ColumnBuilder? column, string name, ReadOnlySpan<char> value)
    {
        if (!value.IsEmpty)
        {
            (column ??= Columns.Get(name)).AppendString(value);
        }
    }

    /// <summary>
    /// <c>[id k="v" ...][id2 ...]</c> → <c>sd.id.k</c> cells. Keys and unescaped values are laid out in a reused
    /// buffer, then appended last-to-first so a repeated key keeps its last value (as TableBuilder would).
    /// </summary>
    private void AppendStructuredData(ReadOnlySpan<char> sd, ref char[] scratch)
    {
        // Each pair costs at most its own text plus "sd." and a dot, and a pair takes at least 4 chars ("[i k=\"\"").
        if (scratch.Length < (3 * sd.Length) + 16)
        {
            scratch = new char[(3 * sd.Length) + 16];
        }

        Span<char> buf = scratch;
        _pairs.Clear();
        int used = 0;
        int i = 0;
        while (i < sd.Length && sd[i] == '[')
        {
            i++;
            int idStart = i;
            while (i < sd.Length && sd[i] != ' ' && sd[i] != ']')
            {
                i++;
            }

            ReadOnlySpan<char> id = sd[idStart..i];
            while (i < sd.Length && sd[i] != ']')
            {
                while (i < sd.Length && sd[i] == ' ')
                {
                    i++;
                }

                int nameStart = i;
                while (i < sd.Length && sd[i] != '=' && sd[i] != ' ' && sd[i] != ']')
                {
                    i++;
                }

                ReadOnlySpan<char> name = sd[nameStart..i];
                if (i >= sd.Length || sd[i] != '=' || i + 1 >= sd.Length || sd[i + 1] != '"')
                {
                    break;
                }

                i += 2;
                int keyStart = used;
                "sd.".CopyTo(buf[used..]);
                id.CopyTo(buf[(used + 3)..]);
                buf[used + 3 + id.Length] = '.';
                name.CopyTo(buf[(used + 4 + id.Length)..]);
                int keyLength = 4 + id.Length + name.Length;
                int v = keyStart + keyLength;
                while (i < sd.Length && sd[i] != '"')
                {
                    if (sd[i] == '\\' && i + 1 < sd.Length && sd[i + 1] is '"' or '\\' or ']')
                    {
                        i++;
                    }

                    buf[v++] = sd[i];
                    i++;
                }

                i++;
                if (name.Length > 0)
                {
                    _pairs.Add((keyStart, keyLength, keyStart + keyLength, v - keyStart - keyLength));
                    used = v;
                }
            }

            i++;
        }

        for (int p = _pairs.Count - 1; p >= 0; p--)
        {
            var (keyStart, keyLength, valueStart, valueLength) = _pairs[p];
            ColumnBuilder column = Columns.Get(buf.Slice(keyStart, keyLength));
            if (!Columns.HasValue(column))
            {
                column.AppendString(buf.Slice(valueStart, valueLength));
            }
        }
    }
}
