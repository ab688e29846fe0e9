using Vigil.Core.Columns;
using Vigil.Core.Values;
using static Vigil.Formats.Tests.TestData;

namespace Vigil.Formats.Tests;

public sealed class TypeInferenceTests
{
    public static TheoryData<string, Value> Cases => new()
    {
        { "", N },
        { "0", I(0) },
        { "-17", I(-17) },
        { "+5", I(5) },
        { "9223372036854775807", I(long.MaxValue) },
        { "-9223372036854775808", I(long.MinValue) },
        { "99999999999999999999", F(1e20) },
        { "9223372036854775808", F(9223372036854775808.0) },
        { "1.5", F(1.5) },
        { ".5", F(0.5) },
        { "5.", F(5.0) },
        { "1e5", F(1e5) },
        { "+1.5", F(1.5) },
        { "1E-3", F(0.001) },
        { "-0.0", F(-0.0) },
        // 16–17 significant digits: Rust's parse is correctly rounded, so these must not go through a digits/10^k
        // shortcut, which double-rounds (the exact decimal → nearest double, by IEEE round-half-even).
        { "7236830840615796.5", F(7236830840615796.0) },
        { "4194913440469625.2", F(4194913440469625.0) },
        { "415296713.59590973", F(415296713.5959097) },
        { "1309699.3227311577", F(1309699.3227311578) },
        { "-1309699.3227311577", F(-1309699.3227311578) },
        { "1e400", S("1e400") },
        { "inf", S("inf") },
        { "-Infinity", S("-Infinity") },
        { "NaN", S("NaN") },
        { "true", B(true) },
        { "TRUE", B(true) },
        { "True", B(true) },
        { "false", B(false) },
        { "FALSE", B(false) },
        { "False", B(false) },
        { "tRuE", S("tRuE") },
        { "yes", S("yes") },
        { " 1", S(" 1") },
        { "1 ", S("1 ") },
        { "1_000", S("1_000") },
        { "0x10", S("0x10") },
        { ".", S(".") },
        { "+", S("+") },
        { "-", S("-") },
        { "e5", S("e5") },
        { "1e", S("1e") },
        { "1e+", S("1e+") },
        { "1.2.3", S("1.2.3") },
        { "١٢", S("١٢") },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void InferScalarFollowsTheReferenceGrammar(string text, Value expected)
    {
        Value actual = TypeInference.InferScalar(text);
        Assert.Equal(expected.Kind, actual.Kind);
        if (expected.Kind == ValueKind.Float)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected.AsFloat), BitConverter.DoubleToInt64Bits(actual.AsFloat));
        }
        else
        {
            Assert.Equal(expected, actual);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AppendInferredStoresTheSameCell(string text, Value expected)
    {
        var builder = new ColumnBuilder("c");
        TypeInference.AppendInferred(builder, text);
        Column column = builder.Build();
        Assert.Equal(expected.Kind, column.KindAt(0));
        Assert.Equal(expected.ToString(), column[0].ToString());
    }
}
