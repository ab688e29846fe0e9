using System.Text.Unicode;

namespace Vigil.Formats.Engine;

/// <summary>
/// UTF-8 validation of a chunk that keeps errors in input order whatever the chunking: the lines before the one
/// holding the first invalid byte are parsed (their own errors come first), then the invalid byte is the error.
/// </summary>
internal static class Utf8Validation
{
    /// <summary>
    /// How much of <paramref name="data"/> to parse: all of it when it is valid UTF-8; otherwise the lines before the
    /// first invalid byte, and <paramref name="error"/> (chunk-relative line, absolute byte offset) to throw after them.
    /// </summary>
    public static int ParsablePrefix(string format, ReadOnlySpan<byte> data, long byteOffset, out FormatParseException? error)
    {
        error = null;
        if (Utf8.IsValid(data))
        {
            return data.Length;
        }

        int offset = 0;
        while (offset < data.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(data[offset..], out _, out int consumed) != System.Buffers.OperationStatus.Done)
            {
                break;
            }

            offset += consumed;
        }

        ReadOnlySpan<byte> before = data[..offset];
        error = new FormatParseException(format, $"invalid UTF-8 at byte offset {byteOffset + offset}", 1 + before.Count((byte)'\n'));
        return before.LastIndexOf((byte)'\n') + 1;
    }
}
