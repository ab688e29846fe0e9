using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Vigil.Exec.Identity;

/// <summary>
/// The byte layout an agent signs (design exec.md "Transport"), independent of any wire encoding:
/// <c>"vigil-exec-request-v1\0"</c> ‖ target MachineId (32) ‖ request id (16) ‖ issued-at ms (u64 LE) ‖
/// timeout ms (u32 LE) ‖ argv count (u32 LE) ‖ per token: length (u32 LE) ‖ UTF-8 ‖ SHA-256(stdin) (32) ‖
/// cwd flag (1 byte, 0 or 1).
/// </summary>
public static class CanonicalRequest
{
    private static ReadOnlySpan<byte> Domain => "vigil-exec-request-v1\0"u8;

    // Lone surrogates must not be replaced with U+FFFD: two different argv would then sign identically.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Encodes <paramref name="request"/>.</summary>
    /// <exception cref="ArgumentException">An argv token is not valid UTF-16 (cannot be encoded as UTF-8).</exception>
    public static byte[] Encode(ExecRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        IReadOnlyList<string> argv = request.Argv;

        int length = Domain.Length + Hash256.ByteLength + RequestId.ByteLength + 8 + 4 + 4 + Hash256.ByteLength + 1;
        int[] tokenLengths = new int[argv.Count];
        for (int i = 0; i < argv.Count; i++)
        {
            try
            {
                tokenLengths[i] = StrictUtf8.GetByteCount(argv[i]);
            }
            catch (EncoderFallbackException ex)
            {
                throw new ArgumentException($"argv[{i}] is not valid Unicode text", nameof(request), ex);
            }

            length = checked(length + 4 + tokenLengths[i]);
        }

        byte[] buffer = new byte[length];
        Span<byte> span = buffer;
        Domain.CopyTo(span);
        int at = Domain.Length;
        request.Target.CopyTo(span[at..]);
        at += Hash256.ByteLength;
        request.RequestId.CopyTo(span[at..]);
        at += RequestId.ByteLength;
        BinaryPrimitives.WriteUInt64LittleEndian(span[at..], request.IssuedAtUnixMs);
        at += 8;
        BinaryPrimitives.WriteUInt32LittleEndian(span[at..], request.TimeoutMs);
        at += 4;
        BinaryPrimitives.WriteUInt32LittleEndian(span[at..], (uint)argv.Count);
        at += 4;
        for (int i = 0; i < argv.Count; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span[at..], (uint)tokenLengths[i]);
            at += 4;
            at += StrictUtf8.GetBytes(argv[i], span[at..]);
        }

        SHA256.HashData(request.Stdin.Span, span[at..]);
        at += Hash256.ByteLength;
        span[at] = request.CwdPresent ? (byte)1 : (byte)0;
        return buffer;
    }
}
