using System.Numerics;
using System.Runtime.CompilerServices;

namespace Vigil.Core.Numerics;

/// <summary>
/// The exact sum of any number of doubles, rounded once to nearest-even: Neal's (2015) "small superaccumulator".
/// Every finite double is an integer multiple of 2⁻¹⁰⁷⁴, so the accumulator keeps that integer in 67 signed
/// 64-bit chunks of 32-bit stride; adding a value touches two chunks with no rounding, and carries are propagated
/// only every 1023 additions. The result depends only on the multiset of values added — not their order, not how
/// they were split across accumulators and <see cref="Merge"/>d — and is at least as accurate as any compensated
/// summation.
/// </summary>
/// <remarks>
/// Non-finite input, and an exact total beyond the double range, give NaN: that is what the reference's sorted
/// Neumaier <c>det_sum</c> yields in both cases (its correction term computes ∞ − ∞).
/// </remarks>
public sealed class ExactSum
{
    // Spans up to this long are summed with Shewchuk partials on the stack instead (no 536-byte accumulator).
    internal const int SmallSpan = 16;
    private const int ChunkBits = 32;
    private const int ChunkCount = 67;
    private const long LowMask = (1L << ChunkBits) - 1;
    private const ulong MantissaMask = (1UL << 52) - 1;
    // Each addition puts less than 2^53 into a chunk; 1023 of them on a normalised chunk stay below 2^63.
    private const int AddsBetweenCarries = 1023;

    private Chunks _chunks;
    // A second lane for alternate values of a span, so consecutive additions to the same chunk do not wait on each
    // other's store; folded into _chunks at every carry.
    private Chunks _lane;
    private int _pending;
    private bool _nonFinite;

    /// <summary>Correctly rounded sum of <paramref name="values"/>; 0 for empty input.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Of(ReadOnlySpan<double> values)
    {
        if (values.Length <= 2)
        {
            // One rounding at most, so plain addition is the exact sum correctly rounded; 0.0 + turns −0 into +0.
            double s = values.Length switch { 0 => 0.0, 1 => values[0], _ => values[0] + values[1] };
            return double.IsFinite(s) ? s + 0.0 : double.NaN;
        }

        return OfLonger(values);
    }

    private static double OfLonger(ReadOnlySpan<double> values)
    {
        if (values.Length <= SmallSpan)
        {
            return OfSmall(values);
        }

        var sum = new ExactSum();
        sum.Add(values);
        return sum.Result();
    }

    /// <summary>Adds one value.</summary>
    public void Add(double value)
    {
        if (_pending == AddsBetweenCarries)
        {
            Carry();
        }

        AddUnchecked(ref _chunks[0], value);
        _pending++;
    }

    /// <summary>Adds every value of <paramref name="values"/>.</summary>
    public void Add(ReadOnlySpan<double> values) => AddMapped(values, default(OrderStatistics.Identity));

    /// <summary>Adds (xᵢ − center)² for every value, each square rounded as the reference's variance does.</summary>
    public void AddSquaredDeviations(ReadOnlySpan<double> values, double center) =>
        AddMapped(values, new SquaredDeviation(center));

    /// <summary>Adds every value of an integer column as its double projection.</summary>
    public void Add(ReadOnlySpan<long> values) => AddMapped(values, default(OrderStatistics.Identity));

    // Alternate values go to two lanes, so consecutive additions to the same chunk do not wait on each other's
    // store; carries stay due after AddsBetweenCarries additions in total, which bounds both lanes.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddMapped<T, TMap>(ReadOnlySpan<T> values, TMap map)
        where TMap : struct, OrderStatistics.IValueMap<T>
    {
        ref long chunks = ref _chunks[0];
        ref long lane = ref _lane[0];
        while (!values.IsEmpty)
        {
            if (_pending >= AddsBetweenCarries - 1)
            {
                Carry();
            }

            int take = Math.Min(values.Length, AddsBetweenCarries - 1 - _pending) & ~1;
            if (take == 0)
            {
                AddUnchecked(ref chunks, map.Map(values[0]));
                _pending++;
                values = values[1..];
                continue;
            }

            ReadOnlySpan<T> part = values[..take];
            for (int i = 0; i < part.Length; i += 2)
            {
                AddUnchecked(ref chunks, map.Map(part[i]));
                AddUnchecked(ref lane, map.Map(part[i + 1]));
            }

            _pending += take;
            values = values[take..];
        }
    }

    /// <summary>Adds everything <paramref name="other"/> holds (as if its values had been added here).</summary>
    public void Merge(ExactSum other)
    {
        // `other` is only read (it may be shared): its chunks and lane, less than 2^63 together, fit beside ours.
        Carry();
        for (int k = 0; k < ChunkCount; k++)
        {
            _chunks[k] += other._chunks[k] + other._lane[k];
        }

        _nonFinite |= other._nonFinite;
        Carry();
    }

    /// <summary>Subtracts everything <paramref name="other"/> holds: the exact sum of a complement (e.g. a suffix from a total and a prefix).</summary>
    public void Subtract(ExactSum other)
    {
        Carry();
        for (int k = 0; k < ChunkCount; k++)
        {
            _chunks[k] -= other._chunks[k] + other._lane[k];
        }

        _nonFinite |= other._nonFinite;
        Carry();
    }

    /// <summary>A copy holding the same exact value.</summary>
    public ExactSum Clone()
    {
        var copy = new ExactSum { _chunks = _chunks, _lane = _lane, _pending = _pending, _nonFinite = _nonFinite };
        return copy;
    }

    /// <summary>
    /// The exact total rounded to nearest, ties to even; +0.0 for an empty or exactly cancelling sum; NaN when a
    /// value was non-finite or the total is beyond the double range. Reads only, so concurrent calls are safe.
    /// </summary>
    public double Result()
    {
        if (_nonFinite)
        {
            return double.NaN;
        }

        // Normalise a copy: the accumulator itself is left untouched, so a finished sum can be shared and read
        // by several threads at once.
        Span<long> c = stackalloc long[ChunkCount];
        for (int k = 0; k < ChunkCount; k++)
        {
            c[k] = _chunks[k] + _lane[k];
        }

        CarrySpan(c);

        bool negative = c[ChunkCount - 1] < 0;
        if (negative)
        {
            for (int k = 0; k < ChunkCount; k++)
            {
                c[k] = -c[k];
            }

            CarrySpan(c);
        }

        int top = ChunkCount - 1;
        while (top >= 0 && c[top] == 0)
        {
            top--;
        }

        if (top < 0)
        {
            return 0.0;
        }

        if (top == ChunkCount - 1)
        {
            return double.NaN;
        }

        int p = (top * ChunkBits) + 63 - BitOperations.LeadingZeroCount((ulong)c[top]);
        UInt128 window = ((UInt128)(ulong)c[top] << 64) | ((UInt128)(ulong)ChunkAt(c, top - 1) << 32) | (ulong)ChunkAt(c, top - 2);
        int windowBase = (top - 2) * ChunkBits;
        bool sticky = false;
        for (int k = top - 3; k >= 0 && !sticky; k--)
        {
            sticky = c[k] != 0;
        }

        // Keep bits [low, p]: 53 of them, or fewer at the bottom of the subnormal range (bit 1 is 2⁻¹⁰⁷⁴).
        int low = Math.Max(p - 52, 1);
        int shift = low - windowBase;
        ulong q = (ulong)(window >> shift);
        bool roundBit = ((window >> (shift - 1)) & 1) != 0;
        sticky |= (window & ((UInt128.One << (shift - 1)) - 1)) != 0;
        if (roundBit && (sticky || (q & 1) != 0))
        {
            q++;
            if (q == 1UL << 53)
            {
                q >>= 1;
                low++;
            }
        }

        // The biased exponent equals `low` for normal results; q < 2^52 only for subnormals, where low = 1.
        if (low >= 2047)
        {
            return double.NaN;
        }

        ulong bits = ((ulong)(low - 1) << 52) + q;
        if (negative)
        {
            bits |= 1UL << 63;
        }

        return BitConverter.UInt64BitsToDouble(bits);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddUnchecked(ref long chunks, double value)
    {
        ulong bits = BitConverter.DoubleToUInt64Bits(value);
        int e = (int)(bits >> 52) & 0x7FF;
        long m = (long)(bits & MantissaMask);
        if (e == 0x7FF)
        {
            _nonFinite = true;
            return;
        }

        if (e == 0)
        {
            e = 1;
        }
        else
        {
            m |= 1L << 52;
        }

        // value = m · 2^(e − 1075): m shifted left by e, split at the chunk boundary below bit e.
        int low = e & (ChunkBits - 1);
        long lowPart = (m << low) & LowMask;
        long highPart = m >> (ChunkBits - low);
        long sign = (long)bits >> 63;
        ref long chunk = ref Unsafe.Add(ref chunks, e >> 5);
        chunk += (lowPart ^ sign) - sign;
        Unsafe.Add(ref chunk, 1) += (highPart ^ sign) - sign;
    }

    private void Carry()
    {
        for (int k = 0; k < ChunkCount; k++)
        {
            _chunks[k] += _lane[k];
            _lane[k] = 0;
        }

        CarrySpan(_chunks);
        _pending = 0;
    }

    // Brings every chunk but the top into [0, 2^32), moving the excess (signed) upwards; the value is unchanged.
    private static void CarrySpan(Span<long> c)
    {
        long carry = 0;
        for (int k = 0; k < ChunkCount - 1; k++)
        {
            long v = c[k] + carry;
            c[k] = v & LowMask;
            carry = v >> ChunkBits;
        }

        c[ChunkCount - 1] += carry;
    }

    private static long ChunkAt(ReadOnlySpan<long> c, int k) => k >= 0 ? c[k] : 0;

    /// <summary>
    /// Shewchuk's exact partials with a final correctly rounded collapse (the algorithm of Python's
    /// <c>math.fsum</c>); falls back to the accumulator on non-finite input or intermediate overflow, so both
    /// paths agree to the bit.
    /// </summary>
    private static double OfSmall(ReadOnlySpan<double> values)
    {
        Span<double> partials = stackalloc double[SmallSpan];
        int count = 0;
        foreach (double value in values)
        {
            double x = value;
            int i = 0;
            for (int j = 0; j < count; j++)
            {
                double y = partials[j];
                if (Math.Abs(x) < Math.Abs(y))
                {
                    (x, y) = (y, x);
                }

                double hi = x + y;
                double lo = y - (hi - x);
                if (lo != 0.0)
                {
                    partials[i++] = lo;
                }

                x = hi;
            }

            if (!double.IsFinite(x))
            {
                var sum = new ExactSum();
                sum.Add(values);
                return sum.Result();
            }

            partials[i] = x;
            count = i + 1;
        }

        double result = Collapse(partials[..count]);
        if (!double.IsFinite(result))
        {
            var sum = new ExactSum();
            sum.Add(values);
            return sum.Result();
        }

        return result;
    }

    private static double Collapse(ReadOnlySpan<double> partials)
    {
        int n = partials.Length;
        double hi = 0.0, lo = 0.0;
        if (n > 0)
        {
            hi = partials[--n];
            while (n > 0)
            {
                double x = hi;
                double y = partials[--n];
                hi = x + y;
                double yr = hi - x;
                lo = y - yr;
                if (lo != 0.0)
                {
                    break;
                }
            }

            // Round half to even when the rest of the partials push a tie one way.
            if (n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0)))
            {
                double y = lo * 2;
                double x = hi + y;
                double yr = x - hi;
                if (y == yr)
                {
                    hi = x;
                }
            }
        }

        return hi + 0.0;
    }

    private readonly record struct SquaredDeviation(double Center) : OrderStatistics.IValueMap<double>
    {
        public double Map(double x)
        {
            double d = x - Center;
            return d * d;
        }
    }

    [InlineArray(ChunkCount)]
    private struct Chunks
    {
        private long _element;
    }
}
