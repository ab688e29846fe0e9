using System.Text;
using CsCheck;
using Vigil.Core.Text;

namespace Vigil.Core.Tests.Text;

/// <summary>The integer fast paths must give the exact paths' bytes on every double they accept.</summary>
public sealed class FastFormatEquivalenceTests
{
    private static readonly double[] Edges =
    [
        0.0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.0078125, -0.0078125, 0.125, 0.0625, 1e-7, 5e-7, 4.9999995e-7, 0.0000005,
        1.0000005, 2.0000005, 0.9999995, 9.9999995, 999999.9999995, double.Epsilon, -double.Epsilon, 2.2250738585072014E-308,
        1e15, 1e16, 9007199254740992.0, 9007199254740993.0, 4503599627370495.5, 1e19, 1.8446744073709552E+19, 1e20, 1e300,
        double.MaxValue, double.MinValue, 0.1, 0.2, 0.3, 123456.1234565, 1e-5, 1e-4, 0.00001234, 2.5e-7, 7.5e-7,
        double.NaN, double.PositiveInfinity, double.NegativeInfinity,
    ];

    [Fact]
    public void Fixed_fast_path_equals_exact_path_on_edges()
    {
        foreach (double x in Edges)
        {
            for (int n = 0; n <= 20; n++)
            {
                if (RustFormat.FixedFast(x, n) is string fast)
                {
                    Assert.Equal(RustFormat.FixedExact(x, n), fast);
                }

                Assert.Equal(RustFormat.FixedExact(x, n), RustFormat.Fixed(x, n));
            }
        }
    }

    [Fact]
    public void Fixed_fast_path_is_taken_for_ordinary_reason_values()
    {
        Assert.Equal("3.141593", RustFormat.FixedFast(Math.PI, 6));
        Assert.Equal("0.008", RustFormat.FixedFast(0.0078125, 3));
        Assert.Equal("0.000000", RustFormat.FixedFast(1e-300, 6));
        Assert.Equal("-0.000", RustFormat.FixedFast(-0.0, 3));
    }

    [Fact]
    public void Fixed_fast_path_equals_exact_path_on_random_doubles()
    {
        // Every bit pattern (subnormals, huge values), then the magnitudes reasons actually print.
        Gen.Select(Gen.Double, Gen.Int[0, 19]).Sample((x, n) => Same(x, n), iter: 300_000);
        Gen.Select(Gen.Double[-1e7, 1e7], Gen.Int[0, 9]).Sample((x, n) => Same(x, n), iter: 1_000_000);
        Gen.Select(Gen.Double[-1, 1], Gen.Int[0, 9]).Sample((x, n) => Same(x, n), iter: 1_000_000);
        // Decimal ties: k/2^j lands exactly half way between two printed units.
        Gen.Select(Gen.Long[-1_000_000_000, 1_000_000_000], Gen.Int[1, 30], Gen.Int[0, 9])
            .Sample((k, j, n) => Same(k / Math.Pow(2, j), n), iter: 500_000);
    }

    [Fact]
    public void ExpFixed_fast_path_equals_exact_path()
    {
        foreach (double x in Edges)
        {
            for (int n = 0; n <= 20; n++)
            {
                Assert.True(SameExp(x, n), FormattableString.Invariant($"{x:R} {n}"));
            }
        }

        Assert.Equal("4.652e-4", RustFormat.ExpFixedFast(4.652e-4, 3));
        Assert.Equal("-1.000e-9", RustFormat.ExpFixedFast(-1e-9, 3));
        Gen.Select(Gen.Double, Gen.Int[0, 20]).Sample((x, n) => SameExp(x, n), iter: 200_000);
        Gen.Select(Gen.Double[-1e-3, 1e-3], Gen.Int[0, 6]).Sample((x, n) => SameExp(x, n), iter: 1_000_000);
        Gen.Select(Gen.Double[-1, 1], Gen.Int[0, 6]).Sample((x, n) => SameExp(x, n), iter: 500_000);
    }

    [Fact]
    public void Json_positional_fast_path_equals_general_path()
    {
        foreach (double x in Edges)
        {
            AssertJsonSame(x);
        }

        Gen.Double.Sample(x => JsonSame(x), iter: 500_000);
        Gen.Double[-1e17, 1e17].Sample(x => JsonSame(x), iter: 500_000);
        Gen.Double[0, 1].Sample(x => JsonSame(x), iter: 500_000);
        Gen.Double[-1e-3, 1e-3].Sample(x => JsonSame(x), iter: 500_000);
    }

    [Fact]
    public void Json_positional_fast_path_declines_exponent_form()
    {
        Span<byte> buffer = stackalloc byte[40];
        Assert.False(JsonNumber.TryWritePositional(1e-6, buffer, out _));
        Assert.False(JsonNumber.TryWritePositional(-1e16, buffer, out _));
        Assert.False(JsonNumber.TryWritePositional(double.NaN, buffer, out _));
        Assert.True(JsonNumber.TryWritePositional(0.0001, buffer, out int small));
        Assert.Equal("0.0001", Encoding.UTF8.GetString(buffer[..small]));
        Assert.True(JsonNumber.TryWritePositional(2.0, buffer, out int n));
        Assert.Equal("2.0", Encoding.UTF8.GetString(buffer[..n]));
    }

    private static bool Same(double x, int n) => RustFormat.FixedFast(x, n) is not string fast || fast == RustFormat.FixedExact(x, n);

    private static bool SameExp(double x, int n) => RustFormat.ExpFixedFast(x, n) is not string fast || fast == RustFormat.ExpFixedExact(x, n);

    private static bool JsonSame(double x)
    {
        Span<byte> buffer = stackalloc byte[40];
        return !JsonNumber.TryWritePositional(x, buffer, out int n) || Encoding.UTF8.GetString(buffer[..n]) == JsonNumber.Format(x);
    }

    private static void AssertJsonSame(double x)
    {
        Span<byte> buffer = stackalloc byte[40];
        if (JsonNumber.TryWritePositional(x, buffer, out int n))
        {
            Assert.Equal(JsonNumber.Format(x), Encoding.UTF8.GetString(buffer[..n]));
        }
    }
}
