using System.Buffers;
using System.Runtime.CompilerServices;
using Vigil.Core.Values;

namespace Vigil.Core.Numerics;

/// <summary>
/// Order statistics by radix selection on <see cref="TotalOrder"/> keys: the same values, bit for bit, as indexing
/// a total-order sort (−0.0 before +0.0, NaNs at the ends), in linear time without sorting or copying the input.
/// Each level histograms a 16-bit digit of the keys and keeps only the bucket holding the wanted rank, so a
/// column is read once or twice and only that bucket is ever copied.
/// </summary>
public static class OrderStatistics
{
    private const int DigitBits = 16;
    private const int Buckets = 1 << DigitBits;
    // Below this many candidates a comparison sort of the keys is cheaper than another histogram.
    private const int SortCutoff = 2048;

    /// <summary>Maps each value to the value actually ranked (identity, or a deviation from a center).</summary>
    public interface IValueMap
    {
        double Map(double x);
    }

    /// <summary>Ranks the values themselves.</summary>
    public readonly struct Identity : IValueMap
    {
        public double Map(double x) => x;
    }

    /// <summary>Ranks |x − center|, computed per value exactly as the reference's MAD does.</summary>
    public readonly record struct AbsoluteDeviation(double Center) : IValueMap
    {
        public double Map(double x) => Math.Abs(x - Center);
    }

    /// <summary>Type-7 quantile (NumPy default) of the mapped values; null for empty input.</summary>
    public static double? Quantile<TMap>(ReadOnlySpan<double> values, double q, TMap map)
        where TMap : struct, IValueMap
    {
        if (values.IsEmpty)
        {
            return null;
        }

        q = Math.Clamp(q, 0.0, 1.0);
        if (values.Length == 1)
        {
            return map.Map(values[0]);
        }

        double pos = q * (values.Length - 1);
        int lo = (int)Math.Floor(pos);
        int hi = (int)Math.Ceiling(pos);
        (double atLo, double atHi) = Select(values, lo, wantNext: lo != hi, map);
        if (lo == hi)
        {
            return atLo;
        }

        double f = pos - lo;
        return (atLo * (1 - f)) + (atHi * f);
    }

    /// <summary>
    /// The mapped values of rank <paramref name="k"/> and (when <paramref name="wantNext"/>) k + 1 in total order,
    /// 0-based; the second is meaningless when not wanted.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (double AtK, double AtNext) Select<TMap>(ReadOnlySpan<double> values, int k, bool wantNext, TMap map)
        where TMap : struct, IValueMap
    {
        if ((uint)k >= (uint)values.Length || (wantNext && k + 1 >= values.Length))
        {
            throw new ArgumentOutOfRangeException(nameof(k));
        }

        if (values.Length <= SortCutoff)
        {
            Span<ulong> small = values.Length <= 256 ? stackalloc ulong[values.Length] : new ulong[values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                small[i] = TotalOrder.Key(map.Map(values[i]));
            }

            return FromKeys(SelectInKeys(small, k, wantNext, 64));
        }

        int[] counts = ArrayPool<int>.Shared.Rent(Buckets);
        try
        {
            const int shift = 64 - DigitBits;
            Array.Clear(counts, 0, Buckets);
            foreach (double v in values)
            {
                counts[(int)(TotalOrder.Key(map.Map(v)) >> shift)]++;
            }

            (int bucket, int before, int nextBucket) = Locate(counts, k, wantNext);
            if (bucket != nextBucket)
            {
                // Ranks k and k + 1 straddle two buckets: the largest of one and the smallest of the other.
                ulong max = 0, min = ulong.MaxValue;
                foreach (double v in values)
                {
                    ulong key = TotalOrder.Key(map.Map(v));
                    int b = (int)(key >> shift);
                    if (b == bucket && key > max)
                    {
                        max = key;
                    }
                    else if (b == nextBucket && key < min)
                    {
                        min = key;
                    }
                }

                return FromKeys((max, min));
            }

            ulong[] candidates = GC.AllocateUninitializedArray<ulong>(counts[bucket]);
            int m = 0;
            foreach (double v in values)
            {
                ulong key = TotalOrder.Key(map.Map(v));
                if ((int)(key >> shift) == bucket)
                {
                    candidates[m++] = key;
                }
            }

            return FromKeys(SelectInKeys(candidates, k - before, wantNext, shift, counts));
        }
        finally
        {
            ArrayPool<int>.Shared.Return(counts);
        }
    }

    private static (double, double) FromKeys((ulong Lo, ulong Hi) keys) => (TotalOrder.FromKey(keys.Lo), TotalOrder.FromKey(keys.Hi));

    // Keys that agree on every bit at or above `agreedFrom`; narrows digit by digit, compacting in place.
    private static (ulong, ulong) SelectInKeys(Span<ulong> keys, int k, bool wantNext, int agreedFrom, int[]? counts = null)
    {
        int shift = agreedFrom;
        while (keys.Length > SortCutoff && shift > 0)
        {
            shift -= DigitBits;
            counts ??= new int[Buckets];
            Array.Clear(counts, 0, Buckets);
            foreach (ulong key in keys)
            {
                counts[(int)(key >> shift) & (Buckets - 1)]++;
            }

            (int bucket, int before, int nextBucket) = Locate(counts, k, wantNext);
            if (bucket != nextBucket)
            {
                ulong max = 0, min = ulong.MaxValue;
                foreach (ulong key in keys)
                {
                    int b = (int)(key >> shift) & (Buckets - 1);
                    if (b == bucket && key > max)
                    {
                        max = key;
                    }
                    else if (b == nextBucket && key < min)
                    {
                        min = key;
                    }
                }

                return (max, min);
            }

            int m = 0;
            foreach (ulong key in keys)
            {
                if (((int)(key >> shift) & (Buckets - 1)) == bucket)
                {
                    keys[m++] = key;
                }
            }

            keys = keys[..m];
            k -= before;
        }

        if (shift == 0 || keys.Length == 1)
        {
            // Every remaining key is equal.
            return (keys[k], keys[wantNext ? k + 1 : k]);
        }

        keys.Sort();
        return (keys[k], keys[wantNext ? k + 1 : k]);
    }

    // The bucket holding rank k, how many keys precede it, and the bucket holding rank k + 1 (k's own when unwanted).
    private static (int Bucket, int Before, int NextBucket) Locate(int[] counts, int k, bool wantNext)
    {
        int before = 0, bucket = 0;
        while (before + counts[bucket] <= k)
        {
            before += counts[bucket++];
        }

        int next = bucket;
        if (wantNext && before + counts[bucket] == k + 1)
        {
            next++;
            while (counts[next] == 0)
            {
                next++;
            }
        }

        return (bucket, before, next);
    }
}
