using System.Runtime.CompilerServices;
using System.Buffers;

namespace Vigil.Detection.Numerics;

/// <summary>
/// Sorts doubles by IEEE total order (Rust <c>f64::total_cmp</c>), the order the reference sorts by before every
/// deterministic reduction. Large inputs use an LSD radix sort over order-preserving integer keys, which gives the
/// same sequence as <see cref="Vigil.Core.Values.TotalOrder.Sort"/> (equal keys are equal bit patterns) in linear time.
/// </summary>
internal static class TotalOrderSort
{
    private const int RadixThreshold = 512;
    private const int DigitBits = 11;
    private const int Buckets = 1 << DigitBits;
    private const int Passes = (64 + DigitBits - 1) / DigitBits;

    /// <summary>A sorted copy of <paramref name="values"/>.</summary>
    public static double[] SortedCopy(ReadOnlySpan<double> values)
    {
        double[] copy = values.ToArray();
        Sort(copy);
        return copy;
    }

    /// <summary>Sorts in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Sort(Span<double> values)
    {
        int n = values.Length;
        if (n < 2)
        {
            return;
        }

        if (n <= 16)
        {
            InsertionSort(values);
            return;
        }

        ulong[] keys = ArrayPool<ulong>.Shared.Rent(n);
        try
        {
            for (int i = 0; i < n; i++)
            {
                keys[i] = ToKey(values[i]);
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

    /// <summary>Allocation-free sort for the tiny spans of per-row reductions.</summary>
    public static void InsertionSort(Span<double> values)
    {
        for (int i = 1; i < values.Length; i++)
        {
            double v = values[i];
            ulong k = ToKey(v);
            int j = i - 1;
            while (j >= 0 && ToKey(values[j]) > k)
            {
                values[j + 1] = values[j];
                j--;
            }

            values[j + 1] = v;
        }
    }

    // Unsigned key whose natural order is the total order: negatives have all bits flipped, positives the sign bit.
    internal static ulong ToKey(double value)
    {
        ulong bits = (ulong)BitConverter.DoubleToInt64Bits(value);
        return (bits & 0x8000_0000_0000_0000UL) != 0 ? ~bits : bits | 0x8000_0000_0000_0000UL;
    }

    internal static double FromKey(ulong key)
    {
        ulong bits = (key & 0x8000_0000_0000_0000UL) != 0 ? key & 0x7FFF_FFFF_FFFF_FFFFUL : ~key;
        return BitConverter.Int64BitsToDouble((long)bits);
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
