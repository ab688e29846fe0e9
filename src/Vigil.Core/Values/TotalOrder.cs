using System.Buffers;
using System.Runtime.CompilerServices;

namespace Vigil.Core.Values;

/// <summary>IEEE 754 totalOrder for doubles (−NaN &lt; −Inf &lt; … &lt; −0.0 &lt; +0.0 &lt; … &lt; +Inf &lt; +NaN), as Rust's <c>f64::total_cmp</c>.</summary>
public static class TotalOrder
{
    // Below this many values a comparison sort of the keys beats the radix passes' fixed cost.
    private const int RadixThreshold = 512;
    private const int InsertionThreshold = 16;
    private const int DigitBits = 11;
    private const int Buckets = 1 << DigitBits;
    private const int Passes = (64 + DigitBits - 1) / DigitBits;

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

    /// <summary>A copy of <paramref name="values"/> sorted by total order.</summary>
    public static double[] SortedCopy(ReadOnlySpan<double> values)
    {
        double[] copy = values.ToArray();
        Sort(copy);
        return copy;
    }

    /// <summary>
    /// Sorts in place by total order. Tiny spans use an allocation-free insertion sort, small ones a primitive sort
    /// of the keys, large ones an LSD radix sort of the keys (linear time). All give the same sequence, because
    /// equal keys are equal bit patterns.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Sort(Span<double> values)
    {
        int n = values.Length;
        if (n < 2)
        {
            return;
        }

        if (n <= InsertionThreshold)
        {
            InsertionSort(values);
            return;
        }

        ulong[] keys = ArrayPool<ulong>.Shared.Rent(n);
        try
        {
            for (int i = 0; i < n; i++)
            {
                keys[i] = Key(values[i]);
            }

            if (n < RadixThreshold)
            {
                Array.Sort(keys, 0, n);
            }
            else
            {
                RadixSort(keys, n);
            }

            for (int i = 0; i < n; i++)
            {
                values[i] = FromKey(keys[i]);
            }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(keys);
        }
    }

    private static void InsertionSort(Span<double> values)
    {
        for (int i = 1; i < values.Length; i++)
        {
            double v = values[i];
            ulong k = Key(v);
            int j = i - 1;
            while (j >= 0 && Key(values[j]) > k)
            {
                values[j + 1] = values[j];
                j--;
            }

            values[j + 1] = v;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RadixSort(ulong[] keys, int n)
    {
        int[] counts = ArrayPool<int>.Shared.Rent(Buckets * Passes);
        ulong[] buffer = ArrayPool<ulong>.Shared.Rent(n);
        try
        {
            Array.Clear(counts, 0, Buckets * Passes);
            for (int i = 0; i < n; i++)
            {
                ulong k = keys[i];
                for (int p = 0; p < Passes; p++)
                {
                    counts[(p * Buckets) + (int)((k >> (p * DigitBits)) & (Buckets - 1))]++;
                }
            }

            ulong[] src = keys, dst = buffer;
            for (int p = 0; p < Passes; p++)
            {
                int offset = p * Buckets;
                int shift = p * DigitBits;
                // A digit shared by every key leaves the order unchanged: skip the pass.
                if (counts[offset + (int)((src[0] >> shift) & (Buckets - 1))] == n)
                {
                    continue;
                }

                int total = 0;
                for (int b = 0; b < Buckets; b++)
                {
                    int c = counts[offset + b];
                    counts[offset + b] = total;
                    total += c;
                }

                for (int i = 0; i < n; i++)
                {
                    ulong k = src[i];
                    dst[counts[offset + (int)((k >> shift) & (Buckets - 1))]++] = k;
                }

                (src, dst) = (dst, src);
            }

            if (!ReferenceEquals(src, keys))
            {
                Array.Copy(src, keys, n);
            }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(buffer);
            ArrayPool<int>.Shared.Return(counts);
        }
    }
}
