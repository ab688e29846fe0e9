using System.Globalization;
using System.Numerics;
using CsCheck;
using Vigil.Core.Text;

namespace Vigil.Core.Tests.Text;

public sealed class RustFormatTests
{
    [Theory]
    // Reference §2.11 item 2: ties go to even on the exact binary value.
    [InlineData(62.5, 0, "62")]
    [InlineData(2.5, 0, "2")]
    [InlineData(0.125, 2, "0.12")]
    [InlineData(0.375, 2, "0.38")]
    [InlineData(0.5, 0, "0")]
    [InlineData(1.5, 0, "2")]
    // 0.005 and 2.675 are not ties in binary: 0.005 is slightly above, 2.675 slightly below.
    [InlineData(0.005, 2, "0.01")]
    [InlineData(2.675, 2, "2.67")]
    // Values used in the golden reason and config_version.
    [InlineData(1000.0, 6, "1000.000000")]
    [InlineData(10.0, 6, "10.000000")]
    [InlineData(1.4826, 6, "1.482600")]
    [InlineData(450.3945770942938, 3, "450.395")]
    [InlineData(3.5, 3, "3.500")]
    [InlineData(3.5, 4, "3.5000")]
    [InlineData(0.05, 4, "0.0500")]
    [InlineData(0.2, 4, "0.2000")]
    [InlineData(0.001, 5, "0.00100")]
    [InlineData(0.0001, 5, "0.00010")]
    [InlineData(5.0, 4, "5.0000")]
    [InlineData(0.0, 3, "0.000")]
    [InlineData(-0.0, 1, "-0.0")]
    [InlineData(-0.01, 1, "-0.0")]
    [InlineData(-2.5, 0, "-2")]
    [InlineData(-1.25, 1, "-1.2")]
    [InlineData(1e-10, 2, "0.00")]
    [InlineData(0.0049, 2, "0.00")]
    [InlineData(9.995, 2, "9.99")]
    [InlineData(9.9951, 2, "10.00")]
    [InlineData(999.9999999, 3, "1000.000")]
    [InlineData(1e21, 0, "1000000000000000000000")]
    [InlineData(0.1, 20, "0.10000000000000000555")]
    [InlineData(123.456, 0, "123")]
    public void Fixed_matches_rust(double value, int decimals, string expected) =>
        Assert.Equal(expected, RustFormat.Fixed(value, decimals));

    [Fact]
    public void Fixed_of_smallest_subnormal_is_exact()
    {
        string s = RustFormat.Fixed(double.Epsilon, 1074);
        // 2^-1074 has exactly 751 significant digits, starting 4.94065645841246544e-324.
        Assert.StartsWith("0." + new string('0', 323) + "49406564584124654", s, StringComparison.Ordinal);
        Assert.EndsWith("625", s, StringComparison.Ordinal);
        Assert.Equal(2 + 1074, s.Length);
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NegativeInfinity, "-inf")]
    public void Non_finite_values_use_rust_words(double value, string expected)
    {
        Assert.Equal(expected, RustFormat.Fixed(value, 3));
        Assert.Equal(expected, RustFormat.Exp(value));
        Assert.Equal(expected, RustFormat.ExpFixed(value, 3));
        Assert.Equal(expected, RustFormat.Debug(value));
    }

    [Theory]
    // Reference §2.11 item 3.
    [InlineData(1e-9, "1e-9")]
    [InlineData(1.5e-10, "1.5e-10")]
    [InlineData(100.0, "1e2")]
    [InlineData(0.0, "0e0")]
    [InlineData(1e-6, "1e-6")]
    [InlineData(1.0, "1e0")]
    [InlineData(123456.0, "1.23456e5")]
    [InlineData(-0.00025, "-2.5e-4")]
    public void Exp_matches_rust(double value, string expected) => Assert.Equal(expected, RustFormat.Exp(value));

    [Theory]
    // Reference §2.11 item 4.
    [InlineData(0.00046520, "4.652e-4")]
    [InlineData(0.001, "1.000e-3")]
    [InlineData(0.00006334, "6.334e-5")]
    [InlineData(5.029e-9, "5.029e-9")]
    [InlineData(0.0, "0.000e0")]
    [InlineData(9.9996, "1.000e1")]
    [InlineData(1.0625, "1.062e0")]
    [InlineData(1.1875, "1.188e0")]
    [InlineData(12345.0, "1.234e4")]
    [InlineData(12355.0, "1.236e4")]
    [InlineData(-3.14159, "-3.142e0")]
    public void ExpFixed_3_matches_rust(double value, string expected) => Assert.Equal(expected, RustFormat.ExpFixed(value, 3));

    [Fact]
    public void ExpFixed_0_has_no_point() => Assert.Equal("2e0", RustFormat.ExpFixed(2.5, 0));

    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(-7.25, "-7.25")]
    [InlineData(1e16, "1e16")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-5")]
    [InlineData(1.5e-7, "1.5e-7")]
    [InlineData(0.0, "0.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(2.5e20, "2.5e20")]
    public void Debug_matches_rust(double value, string expected) => Assert.Equal(expected, RustFormat.Debug(value));

    [Fact]
    public void Fixed_agrees_with_an_integer_arithmetic_oracle()
    {
        Gen.Select(Gen.Double[-1e12, 1e12], Gen.Int[0, 12]).Sample((x, n) => RustFormat.Fixed(x, n) == Oracle(x, n), iter: 3000);
    }

    // Independent oracle: x = m·2^e exactly; q = x·10^n as a rational, rounded half to even with BigInteger division.
    private static string Oracle(double x, int n)
    {
        long bits = BitConverter.DoubleToInt64Bits(x);
        bool negative = bits < 0;
        int biased = (int)((bits >> 52) & 0x7FF);
        long frac = bits & ((1L << 52) - 1);
        BigInteger m = biased == 0 ? frac : frac | (1L << 52);
        int e = biased == 0 ? -1074 : biased - 1075;
        BigInteger num = m * BigInteger.Pow(10, n);
        BigInteger den = BigInteger.One;
        if (e >= 0)
        {
            num <<= e;
        }
        else
        {
            den <<= -e;
        }

        BigInteger q = BigInteger.DivRem(num, den, out BigInteger r);
        int cmp = (2 * r).CompareTo(den);
        if (cmp > 0 || (cmp == 0 && !q.IsEven))
        {
            q += 1;
        }

        string s = q.ToString(CultureInfo.InvariantCulture).PadLeft(n + 1, '0');
        string body = n == 0 ? s : s[..^n] + "." + s[^n..];
        return (negative ? "-" : "") + body;
    }
}
