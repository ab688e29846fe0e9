using System.Buffers;
using Vigil.Formats.Engine;

namespace Vigil.Formats.Parsers;

/// <summary>
/// Writes one parsed syslog line into a <see cref="ColumnSink"/>: the fixed fields (only those present) and the
/// <c>sd.&lt;id&gt;.&lt;param&gt;</c> cells of its structured data, values unescaped. The sink keeps the column order
/// (first appearance, ordinal within a record) and the last value of a repeated key, as TableBuilder did.
/// </summary>
internal static class SyslogColumns
{
    /// <summary>Longest line whose structured-data keys and values are laid out on the stack.</summary>
    private const int StackScratchBytes = 1024;

    public static void Append(ColumnSink sink, ReadOnlySpan<byte> text, in SyslogLine line)
    {
        if (line.Pri >= 0)
        {
            sink.SetInt("facility"u8, line.Pri / 8);
            sink.SetInt("severity"u8, line.Pri % 8);
        }

        sink.SetString("protocol"u8, line.Rfc5424 ? "RFC5424"u8 : "RFC3164"u8);
        if (line.HasTimestamp)
        {
            Span<byte> stamp = stackalloc byte[48];
            sink.SetString("timestamp"u8, stamp[..line.Timestamp.Format(stamp)]);
            sink.SetFloat("timestamp_epoch"u8, line.Timestamp.Epoch);
        }

        SetText(sink, "hostname"u8, line.Hostname.Slice(text));
        SetText(sink, "appname"u8, line.Appname.Slice(text));
        ReadOnlySpan<byte> procid = line.Procid.Slice(text);
        if (!procid.IsEmpty)
        {
            if (TypeInference.TryParseRustInt(procid, out long id))
            {
                sink.SetInt("procid"u8, id);
            }
            else
            {
                sink.SetString("procid"u8, procid);
            }
        }

        SetText(sink, "msgid"u8, line.Msgid.Slice(text));
        if (line.Sd.Length > 0)
        {
            SetStructuredData(sink, line.Sd.Slice(text));
        }

        sink.SetString("message"u8, line.Message.Slice(text));
    }

    private static void SetText(ColumnSink sink, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        if (!value.IsEmpty)
        {
            sink.SetString(key, value);
        }
    }

    /// <summary><c>[id k="v" ...][id2 ...]</c> → <c>sd.id.k</c> cells (the sink keeps the last of a repeated key).</summary>
    private static void SetStructuredData(ColumnSink sink, ReadOnlySpan<byte> sd)
    {
        // A key is "sd." + id + "." + name and a value is at most its escaped text: both fit in 2 × sd + 8.
        int need = (2 * sd.Length) + 8;
        byte[]? rented = need > StackScratchBytes ? ArrayPool<byte>.Shared.Rent(need) : null;
        Span<byte> buf = rented ?? stackalloc byte[StackScratchBytes];
        try
        {
            int i = 0;
            while (i < sd.Length && sd[i] == (byte)'[')
            {
                i++;
                int idStart = i;
                while (i < sd.Length && sd[i] != (byte)' ' && sd[i] != (byte)']')
                {
                    i++;
                }

                ReadOnlySpan<byte> id = sd[idStart..i];
                while (i < sd.Length && sd[i] != (byte)']')
                {
                    while (i < sd.Length && sd[i] == (byte)' ')
                    {
                        i++;
                    }

                    int nameStart = i;
                    while (i < sd.Length && sd[i] != (byte)'=' && sd[i] != (byte)' ' && sd[i] != (byte)']')
                    {
                        i++;
                    }

                    ReadOnlySpan<byte> name = sd[nameStart..i];
                    if (i >= sd.Length || sd[i] != (byte)'=' || i + 1 >= sd.Length || sd[i + 1] != (byte)'"')
                    {
                        break;
                    }

                    i += 2;
                    "sd."u8.CopyTo(buf);
                    id.CopyTo(buf[3..]);
                    buf[3 + id.Length] = (byte)'.';
                    name.CopyTo(buf[(4 + id.Length)..]);
                    int keyLength = 4 + id.Length + name.Length;
                    int v = keyLength;
                    while (i < sd.Length && sd[i] != (byte)'"')
                    {
                        if (sd[i] == (byte)'\\' && i + 1 < sd.Length && sd[i + 1] is (byte)'"' or (byte)'\\' or (byte)']')
                        {
                            i++;
                        }

                        buf[v++] = sd[i];
                        i++;
                    }

                    i++;
                    if (name.Length > 0)
                    {
                        sink.SetString(buf[..keyLength], buf[keyLength..v]);
                    }
                }

                i++;
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
