using Vigil.Core.Findings;

namespace Vigil.Core.Envelope;

/// <summary>
/// The envelope's finding order (reference §3.2): severity descending, then class token, canonical handle and
/// detector id ascending by ordinal comparison; remaining ties keep the detectors' emission order (stable).
/// </summary>
internal static class FindingOrder
{
    /// <summary>A stably sorted copy.</summary>
    public static Finding[] Sort(IReadOnlyList<Finding> findings)
    {
        var keys = new (Finding F, string Class, string Handle, int Index)[findings.Count];
        for (int i = 0; i < keys.Length; i++)
        {
            Finding f = findings[i];
            keys[i] = (f, f.Class.ToToken(), f.Handle.ToString(), i);
        }

        Array.Sort(keys, static (a, b) =>
        {
            int c = b.F.Severity.CompareTo(a.F.Severity);
            if (c == 0)
            {
                c = string.CompareOrdinal(a.Class, b.Class);
            }

            if (c == 0)
            {
                c = CompareUtf8(a.Handle, b.Handle);
            }

            if (c == 0)
            {
                c = string.CompareOrdinal(a.F.Detector, b.F.Detector);
            }

            return c != 0 ? c : a.Index.CompareTo(b.Index);
        });

        var result = new Finding[keys.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            result[i] = keys[i].F;
        }

        return result;
    }

    /// <summary>
    /// Rust compares strings by UTF-8 bytes; UTF-16 ordinal order differs only between surrogate pairs and
    /// U+E000–U+FFFF, so fall back to scalar-value comparison when the ordinal compare meets such a pair.
    /// </summary>
    internal static int CompareUtf8(string a, string b)
    {
        int n = Math.Min(a.Length, b.Length);
        for (int i = 0; i < n; i++)
        {
            char x = a[i], y = b[i];
            if (x == y)
            {
                continue;
            }

            bool xs = char.IsSurrogate(x), ys = char.IsSurrogate(y);
            if (xs != ys)
            {
                // A surrogate (U+10000 and above) sorts after any BMP char in UTF-8 order.
                return xs ? 1 : -1;
            }

            return x.CompareTo(y);
        }

        return a.Length.CompareTo(b.Length);
    }
}
