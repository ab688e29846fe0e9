using System.Globalization;
using System.Text;

namespace Vigil.Exec.Identity;

/// <summary>
/// How big a request may be, enforced by the transports while decoding, before any signature check: a stranger
/// with any TLS certificate must not make the daemon buffer or hash more than a real request could need. The
/// stdin bound comes from the ACL's <c>max_stdin_bytes</c>; a request within these bounds but over the ACL's cap
/// still gets its audited <c>stdin_too_large</c> denial.
/// </summary>
public static class RequestLimits
{
    /// <summary>At most this many argv tokens.</summary>
    public const int MaxArgvCount = 4096;

    /// <summary>At most this many UTF-8 bytes over all argv tokens (Linux's own per-token limit is 128 KiB).</summary>
    public const int MaxArgvBytes = 256 * 1024;

    /// <summary>
    /// Room for everything but argv and stdin: ids, an ML-DSA-65 public key (1952 bytes), two ML-DSA-65
    /// signatures (3309 bytes each), numbers and framing, with a wide margin.
    /// </summary>
    public const int EnvelopeBytes = 64 * 1024;

    /// <summary>The largest protobuf request message worth reading.</summary>
    public static int MaxMessageBytes(long maxStdinBytes) =>
        Clamp(maxStdinBytes + MaxArgvBytes + (8L * MaxArgvCount) + EnvelopeBytes);

    /// <summary>
    /// The largest REST JSON body worth reading: stdin as base64, argv with every byte escaped as <c>\u00XX</c>,
    /// keys and signatures as base64.
    /// </summary>
    public static int MaxJsonBodyBytes(long maxStdinBytes) =>
        Clamp((((maxStdinBytes + 2) / 3) * 4) + (6L * MaxArgvBytes) + (4L * MaxArgvCount) + (2L * EnvelopeBytes));

    /// <summary>Throws <see cref="FormatException"/> when <paramref name="argv"/> is over either argv bound.</summary>
    public static void CheckArgv(IReadOnlyList<string> argv)
    {
        ArgumentNullException.ThrowIfNull(argv);
        if (argv.Count > MaxArgvCount)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"argv has {argv.Count} tokens; at most {MaxArgvCount} are accepted"));
        }

        long bytes = 0;
        foreach (string token in argv)
        {
            bytes += Encoding.UTF8.GetByteCount(token);
            if (bytes > MaxArgvBytes)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"argv is over {MaxArgvBytes} bytes"));
            }
        }
    }

    private static int Clamp(long bytes) => (int)Math.Min(bytes, Array.MaxLength);
}
