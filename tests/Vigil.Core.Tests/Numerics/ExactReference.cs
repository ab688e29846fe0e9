using System.Numerics;

namespace Vigil.Core.Tests.Numerics;

/// <summary>
/// Slow, obviously right oracles for the exact sum: every double as a BigInteger count of 2⁻¹⁰⁷⁴, summed, then
/// rounded half-to-even by integer arithmetic; and the reference's own sorted Neumaier <c>det_sum</c>.
/// </summary>
internal static class ExactReference
{
    private const int Scale = 1074;

    /// <summary>The exact value of <paramref name="x"/> in units of 2⁻¹⁰⁷⁴ (x finite).</summary>
    public static BigInteger Units(double x)
    {
        long bits = BitConverter.DoubleToInt64Bits(x);
        int e = (int)((bits >> 52) & 0x7FF);
        long m = bits & ((1L << 52) - 1);
        if (e == 0)
        {
            e = 1;
        }
        else
        {
            m |= 1L << 52;
        }

        BigInteger u = new BigInteger(m) << (e - 1);
        return bits < 0 ? -u : u;
    }

    public static BigInteger ExactUnits(IEnumerable<double> xs)
    {
        BigInteger total = BigInteger.Zero;
        foreach (double x in xs)
        {
            total += Units(x);
        }

        return total;
    }

    /// <summary>Correctly rounded sum; NaN for non-finite input or a total beyond the double range; +0 for zero.</summary>
    public static double Sum(double[] xs)
    {
        if (!xs.All(double.IsFinite))
        {
            return double.NaN;
        }

        return Round(ExactUnits(xs));
    }

    public static double Round(BigInteger units)
    {
        if (units.IsZero)
        {
            return 0.0;
        }

        bool negative = units.Sign < 0;
        BigInteger n = BigInteger.Abs(units);
        long length = (long)n.GetBitLength();
        int shift = (int)Math.Max(length - 53, 0);
        BigInteger q = n >> shift;
        if (shift > 0)
        {
            BigInteger rem = n - (q << shift);
            BigInteger half = BigInteger.One << (shift - 1);
            if (rem > half || (rem == half && !q.IsEven))
            {
                q += 1;
            }
        }

        double result = Math.ScaleB((double)q, shift - Scale);
        if (double.IsInfinity(result))
        {
            return double.NaN;
        }

        return negative ? -result : result;
    }

    /// <summary>§2.10's det_sum: total-order sort, then Neumaier.</summary>
    public static double SortedNeumaier(double[] xs)
    {
        double[] sorted = DetTests.ReferenceSort(xs);
        double sum = 0.0, comp = 0.0;
        foreach (double x in sorted)
        {
            double t = sum + x;
            comp += Math.Abs(sum) >= Math.Abs(x) ? (sum - t) + x : (x - t) + sum;
            sum = t;
        }

        return sum + comp;
    }
}
