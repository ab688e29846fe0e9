using System.Buffers;
using System.Runtime.CompilerServices;
using Vigil.Core.Values;

namespace Vigil.Core.Numerics;

/// <summary>
/// Order statistics by radix selection on <see cref="TotalOrder"/> keys: the same values, bit for bit, as indexing
/// a total-order sort (−0.0 before +0.0, NaNs at the ends), in linear time without sorting or copying the input.
/// Each level histograms a 16-bit digit of the keys that share the digits above it, keeping only the bucket that
/// holds the wanted rank; the input is re-read while that bucket is large (heavily repeated values), and only a
/// bucket of at most 4M keys (32 MB) is ever copied.
/// </summary>
public static class OrderStatistics
{
    private const int DigitBits = 16;
    private const int Buckets = 1 << DigitBits;
    // Below this many candidates a comparison sort of the keys is cheaper than another histogram.
    private const int SortCutoff = 2048;
    // The most candidate keys ever copied (32 MB); larger buckets are narrowed by another pass over the input.
    private const int CopyLimit = 1 << 22;

    /// <summary>Maps each input element to the double actually ranked.</summary>
    public interface IValueMap<T>
    {
        double Map(T x);
    }

    /// <summary>Ranks the values themselves.</summary>
    public readonly struct Identity : IValueMap<double>, IValueMap<long>
    {
        public double Map(double x) => x;

        /// <summary>An Int cell's numeric projection.</summary>
        public double Map(long x) => x;
    }

    /// <summary>Ranks |x − center|, computed per value exactly as the reference's MAD does.</summary>
    public readonly record struct AbsoluteDeviation(double Center) : IValueMap<double>, IValueMap<long>
    {
        public double Map(double x) => Math.Abs(x - Center);

        public double Map(long x) => Math.Abs(x - Center);
    }

    /// <summary>Type-7 quantile (NumPy default) of the mapped values; null for empty input.</summary>
    public static double? Quantile<T, TMap>(ReadOnlySpan<T> values, double q, TMap map)
        where TMap : struct, IValueMap<T>
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
    public static (double AtK, double AtNext) Select<T, TMap>(ReadOnlySpan<T> values, int k, bool wantNext, TMap map)
        where TMap : struct, IValueMap<T>
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

            return FromKeys(SelectInKeys(small, k, wantNext, 64, null));
        }

        int[] counts = ArrayPool<int>.Shared.Rent(Buckets);
        try
        {
            // Keys agreeing with `prefix` on every bit at or above `agreed` are the candidates; rank k among them.
            ulong prefix = 0;
            int agreed = 64;
            int candidates = values.Length;
            while (true)
            {
                int shift = agreed - DigitBits;
                (ulong lowest, ulong highest) = Histogram(values, map, prefix, agreed, counts);
                if (lowest == highest)
                {
                    // Every candidate is the same value (a constant column, or a value repeated past the bucket).
                    return FromKeys((lowest, lowest));
                }

                (int bucket, int before, int nextBucket) = Locate(counts, k, wantNext);
                if (bucket != nextBucket)
                {
                    // Ranks k and k + 1 straddle two buckets: the largest of one and the smallest of the other.
                    ulong max = 0, min = ulong.MaxValue;
                    foreach (T v in values)
                    {
                        ulong key = TotalOrder.Key(map.Map(v));
                        if (agreed != 64 && key >> agreed != prefix)
                        {
                            continue;
                        }

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

                    return FromKeys((max, min));
                }

                prefix = (prefix << DigitBits) | (uint)bucket;
                agreed = shift;
                k -= before;
                candidates = counts[bucket];
                if (agreed == 0)
                {
                    // Every candidate key is the same.
                    return FromKeys((prefix, prefix));
                }

                if (candidates <= CopyLimit)
                {
                    break;
                }
            }

            ulong[] copied = GC.AllocateUninitializedArray<ulong>(candidates);
            int m = 0;
            foreach (T v in values)
            {
                ulong key = TotalOrder.Key(map.Map(v));
                if (key >> agreed == prefix)
                {
                    copied[m++] = key;
                }
            }

            return FromKeys(SelectInKeys(copied, k, wantNext, agreed, counts));
        }
        finally
        {
            ArrayPool<int>.Shared.Return(counts);
        }
    }

    // Counts the candidates' digit below `agreed` in two interleaved tables (so runs of equal digits do not
    // serialise on one counter) and merges them into `counts`; returns the candidates' smallest and largest keys.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (ulong Lowest, ulong Highest) Histogram<T, TMap>(ReadOnlySpan<T> values, TMap map, ulong prefix, int agreed, int[] counts)
        where TMap : struct, IValueMap<T>
    {
        int shift = agreed - DigitBits;
        int[] second = ArrayPool<int>.Shared.Rent(Buckets);
        Array.Clear(counts, 0, Buckets);
        Array.Clear(second, 0, Buckets);
        ulong lowest = ulong.MaxValue, highest = 0;
        int i = 0;
        if (agreed == 64)
        {
            for (; i + 1 < values.Length; i += 2)
            {
                ulong a = TotalOrder.Key(map.Map(values[i]));
                ulong b = TotalOrder.Key(map.Map(values[i + 1]));
                counts[(int)(a >> shift)]++;
                second[(int)(b >> shift)]++;
            }
        }

        for (; i < values.Length; i++)
        {
            ulong key = TotalOrder.Key(map.Map(values[i]));
            if (agreed == 64 || key >> agreed == prefix)
            {
                counts[(int)(key >> shift) & (Buckets - 1)]++;
                lowest = Math.Min(lowest, key);
                highest = Math.Max(highest, key);
            }
        }

        if (agreed == 64 && values.Length > 1)
        {
            // Level 0 skips the bounds (they would cost as much as the counting): report them as unknown.
            (lowest, highest) = (0, ulong.MaxValue);
        }

        for (int b = 0; b < Buckets; b++)
        {
            counts[b] += second[b];
        }

        ArrayPool<int>.Shared.Return(second);
        return (lowest, highest);
    }

    private static (double, double) FromKeys((ulong Lo, ulong Hi) keys) => (TotalOrder.FromKey(keys.Lo), TotalOrder.FromKey(keys.Hi));

    // Keys that agree on every bit at or above `agreedFrom`; narrows digit by digit, compacting in place.
    private static (ulong, ulong) SelectInKeys(Span<ulong> keys, int k, bool wantNext, int agreedFrom, int[]? counts)
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

        if (shift > 0 && keys.Length > 1)
        {
            keys.Sort();
        }

        // At shift 0 every remaining key is equal.
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
