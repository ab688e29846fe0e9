using Vigil.Core.Findings;

namespace Vigil.Core.Envelope;

/// <summary>
/// The envelope's finding order (reference §3.2): severity descending, then class token, canonical handle and
/// detector id ascending by ordinal comparison; remaining ties keep the detectors' emission order (stable).
/// </summary>
internal static class FindingOrder
{
    // Class tokens compared once, up front: each class's rank in ordinal token order.
    private static readonly int[] ClassRank = RankClasses();

    /// <summary>A stably sorted copy.</summary>
    public static Finding[] Sort(IReadOnlyList<Finding> findings)
    {
        var keys = new Key[findings.Count];
        for (int i = 0; i < keys.Length; i++)
        {
            Finding f = findings[i];
            keys[i] = new Key(f, (int)f.Severity, ClassRank[(int)f.Class], f.Handle.ToString(), i);
        }

        Array.Sort(keys, default(KeyComparer));
        var result = new Finding[keys.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            result[i] = keys[i].Finding;
        }

        return result;
    }

    /// <summary>
    /// Rust compares strings by UTF-8 bytes; UTF-16 ordinal order differs only between surrogate pairs and
    /// U+E000–U+FFFF, so fall back to scalar-value comparison when the ordinal compare meets such a pair.
    /// </summary>
    internal static int CompareUtf8(string a, string b)
    {
        // Only the first differing char decides, so find it vectorised rather than char by char.
        int i = a.AsSpan().CommonPrefixLength(b);
        if (i < a.Length && i < b.Length)
        {
            char x = a[i], y = b[i];
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

    private static int[] RankClasses()
    {
        var tokens = AnomalyClasses.All.Select(c => (Class: c, Token: c.ToToken())).ToArray();
        Array.Sort(tokens, static (x, y) => string.CompareOrdinal(x.Token, y.Token));
        var rank = new int[tokens.Length];
        for (int r = 0; r < tokens.Length; r++)
        {
            rank[(int)tokens[r].Class] = r;
        }

        return rank;
    }

    private readonly record struct Key(Finding Finding, int Severity, int ClassRank, string Handle, int Index);

    private readonly struct KeyComparer : IComparer<Key>
    {
        public int Compare(Key a, Key b)
        {
            int c = b.Severity.CompareTo(a.Severity);
            if (c == 0)
            {
                c = a.ClassRank.CompareTo(b.ClassRank);
            }

            if (c == 0)
            {
                c = CompareUtf8(a.Handle, b.Handle);
            }

            if (c == 0)
            {
                c = string.CompareOrdinal(a.Finding.Detector, b.Finding.Detector);
            }

            return c != 0 ? c : a.Index.CompareTo(b.Index);
        }
    }
}
