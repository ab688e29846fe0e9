using CsCheck;
using Vigil.Core.Columns;
using Vigil.Core.Values;

namespace Vigil.Core.Tests.Values;

public sealed class ValueTests
{
    [Fact]
    public void Null_is_never_numeric()
    {
        Assert.False(Value.Null.TryAsDouble(out _));
        Assert.False(Value.FromString("1").TryAsDouble(out _));
    }

    [Fact]
    public void Numeric_projection_of_int_float_bool()
    {
        Assert.True(Value.FromInt(7).TryAsDouble(out double i));
        Assert.Equal(7.0, i);
        Assert.True(Value.FromFloat(2.5).TryAsDouble(out double f));
        Assert.Equal(2.5, f);
        Assert.True(Value.FromBool(true).TryAsDouble(out double t));
        Assert.Equal(1.0, t);
        Assert.True(Value.FromBool(false).TryAsDouble(out double z));
        Assert.Equal(0.0, z);
    }

    [Fact]
    public void Non_finite_floats_become_null_on_request()
    {
        Assert.True(Value.FromFiniteOrNull(double.NaN).IsNull);
        Assert.True(Value.FromFiniteOrNull(double.PositiveInfinity).IsNull);
        Assert.Equal(ValueKind.Float, Value.FromFiniteOrNull(1.5).Kind);
    }

    [Fact]
    public void Total_order_across_kinds_is_null_bool_int_float_str()
    {
        Value[] ordered = [Value.Null, Value.FromBool(false), Value.FromBool(true), Value.FromInt(-5), Value.FromInt(3), Value.FromFloat(-0.0), Value.FromFloat(0.0), Value.FromFloat(1e300), Value.FromString(""), Value.FromString("a")];
        for (int i = 0; i < ordered.Length; i++)
        {
            for (int j = 0; j < ordered.Length; j++)
            {
                Assert.Equal(Math.Sign(i.CompareTo(j)), Math.Sign(ordered[i].CompareTo(ordered[j])));
            }
        }
    }

    [Fact]
    public void Int_sorts_before_a_smaller_float_because_kind_comes_first() =>
        Assert.True(Value.FromInt(100).CompareTo(Value.FromFloat(-1.0)) < 0);

    [Fact]
    public void Float_identity_is_by_bits()
    {
        Assert.NotEqual(Value.FromFloat(0.0), Value.FromFloat(-0.0));
        Assert.Equal(Value.FromFloat(1.5), Value.FromFloat(1.5));
        Assert.NotEqual(Value.FromInt(1), Value.FromFloat(1.0));
    }

    [Fact]
    public void Total_order_on_doubles_puts_negative_zero_first()
    {
        Assert.True(TotalOrder.Compare(-0.0, 0.0) < 0);
        Assert.True(TotalOrder.Compare(double.NegativeInfinity, -1e308) < 0);
        // Build NaNs from bits: the sign of double.NaN is platform-defined.
        double positiveNaN = BitConverter.Int64BitsToDouble(0x7FF8000000000000);
        double negativeNaN = BitConverter.Int64BitsToDouble(unchecked((long)0xFFF8000000000000));
        Assert.True(TotalOrder.Compare(double.PositiveInfinity, positiveNaN) < 0);
        Assert.True(TotalOrder.Compare(negativeNaN, double.NegativeInfinity) < 0);
        Assert.Equal(0, TotalOrder.Compare(2.0, 2.0));
    }

    [Theory]
    [InlineData(ColumnType.Unknown, ColumnType.Int, ColumnType.Int)]
    [InlineData(ColumnType.Str, ColumnType.Unknown, ColumnType.Str)]
    [InlineData(ColumnType.Int, ColumnType.Int, ColumnType.Int)]
    [InlineData(ColumnType.Int, ColumnType.Float, ColumnType.Float)]
    [InlineData(ColumnType.Float, ColumnType.Int, ColumnType.Float)]
    [InlineData(ColumnType.Int, ColumnType.Str, ColumnType.Mixed)]
    [InlineData(ColumnType.Bool, ColumnType.Int, ColumnType.Mixed)]
    [InlineData(ColumnType.Bool, ColumnType.Float, ColumnType.Mixed)]
    [InlineData(ColumnType.Mixed, ColumnType.Int, ColumnType.Mixed)]
    [InlineData(ColumnType.Unknown, ColumnType.Unknown, ColumnType.Unknown)]
    public void Unify_rules(ColumnType a, ColumnType b, ColumnType expected) => Assert.Equal(expected, a.Unify(b));

    [Fact]
    public void Unify_is_commutative_and_idempotent()
    {
        var types = Gen.Enum<ColumnType>();
        Gen.Select(types, types).Sample((a, b) => a.Unify(b) == b.Unify(a) && a.Unify(a) == a && a.Unify(b).Unify(b) == a.Unify(b));
    }

    [Theory]
    [InlineData(ColumnType.Int, true)]
    [InlineData(ColumnType.Float, true)]
    [InlineData(ColumnType.Bool, true)]
    [InlineData(ColumnType.Str, false)]
    [InlineData(ColumnType.Mixed, false)]
    [InlineData(ColumnType.Unknown, false)]
    public void Numeric_types(ColumnType t, bool numeric) => Assert.Equal(numeric, t.IsNumeric());

    [Fact]
    public void Type_tokens_are_lowercase_and_debug_names_capitalised()
    {
        Assert.Equal(["unknown", "bool", "int", "float", "str", "mixed"], Enum.GetValues<ColumnType>().Select(t => t.ToToken()));
        Assert.Equal(["Unknown", "Bool", "Int", "Float", "Str", "Mixed"], Enum.GetValues<ColumnType>().Select(t => t.ToDebugName()));
    }
}

public sealed class TotalOrderSortTests
{
    [Fact]
    public void Key_sort_equals_comparison_sort_including_signed_zeros_and_nans()
    {
        Gen<double> special = Gen.OneOf(Gen.Double, Gen.Const(0.0), Gen.Const(-0.0), Gen.Const(double.PositiveInfinity), Gen.Const(double.NegativeInfinity),
            Gen.Long.Select(l => BitConverter.Int64BitsToDouble(l | 0x7FF0000000000001)));
        special.Array[0, 100].Sample(xs =>
        {
            double[] a = xs.ToArray();
            TotalOrder.Sort(a);
            double[] b = xs.ToArray();
            Array.Sort(b, (x, y) => SpecCompare(x, y));
            return a.Select(BitConverter.DoubleToInt64Bits).SequenceEqual(b.Select(BitConverter.DoubleToInt64Bits));
        });
    }

    [Fact]
    public void Every_size_path_equals_comparison_sort()
    {
        // Sizes around the insertion, key-sort and radix thresholds; few distinct values exercise skipped radix passes.
        Gen<double> special = Gen.OneOf(Gen.Double, Gen.Const(0.0), Gen.Const(-0.0), Gen.Const(double.NegativeInfinity),
            Gen.Long.Select(l => BitConverter.Int64BitsToDouble(l | 0x7FF0000000000001)));
        Gen.OneOf(special.Array[0, 3000], Gen.Int[-5, 5].Select(i => (double)i).Array[500, 3000], Gen.Double[-1e6, 1e6].Array[10, 2000])
            .Sample(xs =>
            {
                double[] a = TotalOrder.SortedCopy(xs);
                double[] b = xs.ToArray();
                Array.Sort(b, (x, y) => SpecCompare(x, y));
                return a.Select(BitConverter.DoubleToInt64Bits).SequenceEqual(b.Select(BitConverter.DoubleToInt64Bits));
            }, iter: 200);
    }

    [Fact]
    public void Large_sort_orders_signed_zeros_and_nans()
    {
        double negativeNaN = BitConverter.Int64BitsToDouble(unchecked((long)0xFFF8_0000_0000_0000UL));
        double positiveNaN = BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_0000L);
        double[] xs = [.. Enumerable.Repeat(0.0, 300), .. Enumerable.Repeat(-0.0, 300), positiveNaN, double.NegativeInfinity, double.PositiveInfinity, negativeNaN];
        TotalOrder.Sort(xs);
        Assert.True(double.IsNegative(xs[0]) && double.IsNaN(xs[0]));
        Assert.Equal(double.NegativeInfinity, xs[1]);
        Assert.All(xs[2..302], x => Assert.True(double.IsNegative(x) && x == 0));
        Assert.All(xs[302..602], x => Assert.True(!double.IsNegative(x) && x == 0));
        Assert.Equal(double.PositiveInfinity, xs[602]);
        Assert.True(double.IsNaN(xs[603]) && !double.IsNegative(xs[603]));
    }

    [Fact]
    public void Key_round_trips_bits() =>
        Gen.Long.Sample(l => BitConverter.DoubleToInt64Bits(TotalOrder.FromKey(TotalOrder.Key(BitConverter.Int64BitsToDouble(l)))) == l);

    // Rust total_cmp, written independently: flip the low 63 bits of negatives, compare as signed.
    private static int SpecCompare(double a, double b)
    {
        long x = BitConverter.DoubleToInt64Bits(a);
        long y = BitConverter.DoubleToInt64Bits(b);
        x ^= (long)((ulong)(x >> 63) >> 1);
        y ^= (long)((ulong)(y >> 63) >> 1);
        return x.CompareTo(y);
    }
}
