using System.Globalization;
using CsCheck;
using Vigil.Core.Text;

namespace Vigil.Core.Tests.Text;

public sealed class JsonNumberTests
{
    [Theory]
    // Reference §2.11 item 1.
    [InlineData(1.0, "1.0")]
    [InlineData(5.0, "5.0")]
    [InlineData(450.0, "450.0")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(0.05, "0.05")]
    [InlineData(0.00001, "0.00001")]
    [InlineData(123456789012345.6, "123456789012345.6")]
    [InlineData(1e-6, "1e-6")]
    [InlineData(1e-9, "1e-9")]
    [InlineData(6.62607015e-34, "6.62607015e-34")]
    [InlineData(1e16, "1e+16")]
    [InlineData(2.5e20, "2.5e+20")]
    [InlineData(0.0, "0.0")]
    [InlineData(-0.0, "-0.0")]
    // The golden's score, and boundary exponents either side of the fixed window.
    [InlineData(450.3945770942938, "450.3945770942938")]
    [InlineData(0.000015, "0.000015")]
    [InlineData(0.0000099, "9.9e-6")]
    [InlineData(9999000000000000.0, "9999000000000000.0")]
    [InlineData(0.8807970779778823, "0.8807970779778823")]
    [InlineData(-3.25, "-3.25")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e300, "1e+300")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    public void Format_matches_serde_json(double value, string expected) => Assert.Equal(expected, JsonNumber.Format(value));

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Non_finite_is_null(double value) => Assert.Equal("null", JsonNumber.Format(value));

    [Fact]
    public void Every_finite_double_round_trips_and_uses_the_right_notation()
    {
        Gen.Double.Where(double.IsFinite).Sample(x =>
        {
            string s = JsonNumber.Format(x);
            double back = double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (BitConverter.DoubleToInt64Bits(back) != BitConverter.DoubleToInt64Bits(x))
            {
                return false;
            }

            double abs = Math.Abs(x);
            bool fixedWindow = abs == 0 || (abs >= 1e-5 && abs < 1e16);
            return fixedWindow ? s.Contains('.') && !s.Contains('e') : s.Contains('e');
        }, iter: 5000);
    }

    [Fact]
    public void Digits_are_the_shortest_that_round_trip()
    {
        Gen.Double.Where(x => double.IsFinite(x) && x != 0).Sample(x =>
        {
            string s = JsonNumber.Format(x);
            string mantissa = s.Split('e')[0].TrimStart('-').Replace(".", "", StringComparison.Ordinal).Trim('0');
            int digits = mantissa.Length;
            // No shorter precision may round-trip (G with fewer significant digits).
            return digits <= 1 || double.Parse(x.ToString("G" + (digits - 1), CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) != x;
        }, iter: 3000);
    }
}
