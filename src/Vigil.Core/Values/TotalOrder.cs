using System.Buffers;

namespace Vigil.Core.Values;

/// <summary>IEEE 754 totalOrder for doubles (−NaN &lt; −Inf &lt; … &lt; −0.0 &lt; +0.0 &lt; … &lt; +Inf &lt; +NaN), as Rust's <c>f64::total_cmp</c>.</summary>
public static class TotalOrder
{
    public static int Compare(double a, double b) => Key(a).CompareTo(Key(b));

    /// <summary>
    /// An unsigned key whose natural order is total order: flip every bit of negatives, only the sign bit of
    /// positives. Equal keys are equal bit patterns, so sorting keys gives exactly the total-order sequence.
    /// </summary>
    public static ulong Key(double value)
    {
        ulong bits = (ulong)BitConverter.DoubleToInt64Bits(value);
        return (bits & 0x8000_0000_0000_0000UL) != 0 ? ~bits : bits | 0x8000_0000_0000_0000UL;
    }

    /// <summary>The double whose <see cref="Key"/> is <paramref name="key"/>.</summary>
    public static double FromKey(ulong key) =>
        BitConverter.Int64BitsToDouble((long)((key & 0x8000_0000_0000_0000UL) != 0 ? key & 0x7FFF_FFFF_FFFF_FFFFUL : ~key));

    /// <summary>Sorts in place by total order (primitive sort over keys: no comparison delegate per pair).</summary>
    public static void Sort(Span<double> values)
    {
        int n = values.Length;
        if (n < 2)
        {
            return;
        }

        ulong[] keys = ArrayPool<ulong>.Shared.Rent(n);
        try
        {
            Span<ulong> k = keys.AsSpan(0, n);
            for (int i = 0; i < n; i++)
            {
                k[i] = Key(values[i]);
            }

            k.Sort();
            for (int i = 0; i < n; i++)
            {
                values[i] = FromKey(k[i]);
            }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(keys);
        }
    }
}
